import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DockerfileParser, type Instruction } from 'dockerfile-ast'
import { ValidationSeverity, validate } from 'dockerfile-utils'
import { describe, expect, it } from 'vitest'
import { dockerIgnores, dockerignorePatterns, platformServices, read, root } from './repo.js'

const text = read('Dockerfile')
const dockerfile = DockerfileParser.parse(text)
const services = platformServices()

type Stage = { name: string, base: string, instructions: Instruction[] }

/** Build arguments declared before the first FROM, with their defaults. */
const initialArgs = new Map(dockerfile.getInitialARGs().map((arg) => [arg.getProperty()?.getName() ?? '', arg.getProperty()?.getValue() ?? '']))
const expand = (value: string) => value.replace(/\$\{?(\w+)\}?/g, (_whole, name: string) => initialArgs.get(name) ?? `\${${name}}`)

/** The stages in order, each with the instructions up to the next FROM. */
const stages: Stage[] = []
for (const instruction of dockerfile.getInstructions()) {
  if (instruction.getKeyword() === 'FROM') {
    const args = instruction.getArguments().map((arg) => arg.getValue())
    stages.push({ name: args[2] ?? String(stages.length), base: expand(args[0] ?? ''), instructions: [] })
  } else {
    stages.at(-1)?.instructions.push(instruction)
  }
}
const stage = (name: string) => stages.find((candidate) => candidate.name === name)

/** The last value an instruction kind sets along a stage's chain of FROM <stage> (how Docker inherits it). */
function effective (name: string, keyword: string): string | undefined {
  const current = stage(name)
  if (current === undefined) return undefined
  const own = current.instructions.filter((instruction) => instruction.getKeyword() === keyword).at(-1)
  if (own !== undefined) return own.getArgumentsContent() ?? ''
  return stage(current.base) === undefined ? undefined : effective(current.base, keyword)
}

const runs = () => stages.flatMap((candidate) => candidate.instructions.filter((instruction) => instruction.getKeyword() === 'RUN').map((instruction) => instruction.getArgumentsContent() ?? ''))

describe('the Dockerfile', () => {
  it('has no problem the Docker language service\'s linter (dockerfile-utils) reports, at its strictest', () => {
    const strict = ValidationSeverity.ERROR
    const problems = validate(text, {
      deprecatedMaintainer: strict,
      directiveCasing: strict,
      emptyContinuationLine: strict,
      instructionCasing: strict,
      instructionCmdMultiple: strict,
      instructionEntrypointMultiple: strict,
      instructionHealthcheckMultiple: strict,
      instructionJSONInSingleQuotes: strict,
      instructionWorkdirRelative: strict
    })
    expect(problems.map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`)).toEqual([])
  })

  it('is multi-stage, with one target per service', () => {
    expect(stages.length).toBeGreaterThan(2)
    for (const service of services) expect(stage(service.name), service.name).toBeDefined()
  })

  it('pulls only pinned official images, never `latest`', () => {
    for (const { name, base } of stages) {
      if (stage(base) !== undefined) continue
      expect(base, name).toMatch(/^[\w./-]+:[\w.-]+$/)
      expect(base, name).not.toMatch(/:latest$/)
    }
  })

  it('builds with the pnpm of packageManager, from the lockfile, and deploys each service without its dev dependencies', () => {
    const packageManager = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager
    const [tool, version] = packageManager.split('@')
    expect(runs().some((run) => run.includes(`npm install --global ${tool}@${version}`))).toBe(true)
    expect(runs().some((run) => /pnpm install --frozen-lockfile/.test(run))).toBe(true)
    expect(runs().some((run) => /pnpm turbo run build/.test(run))).toBe(true)
    const deploy = runs().find((run) => run.includes(' deploy '))
    expect(deploy).toMatch(/--prod/)
    for (const service of services) expect(deploy, service.name).toContain(service.name)
  })

  it('runs every service as the unprivileged node user, with plain node on its compiled server, a health check and its port', () => {
    for (const service of services) {
      expect(effective(service.name, 'USER'), service.name).toBe('node')
      expect(effective(service.name, 'CMD'), service.name).toBe('["node", "dist/server.js"]')
      expect(effective(service.name, 'ENTRYPOINT'), service.name).toBeUndefined()
      expect(effective(service.name, 'HEALTHCHECK'), service.name).toMatch(/CMD \["node", "\/usr\/local\/lib\/healthcheck\.mjs"\]/)
      expect(effective(service.name, 'EXPOSE'), service.name).toBe(String(service.port))
      expect(stage(service.name)?.instructions.some((instruction) => instruction.getKeyword() === 'ENV' && instruction.getArgumentsContent() === `PORT=${service.port}`), service.name).toBe(true)
      const copies = stage(service.name)?.instructions.filter((instruction) => instruction.getKeyword() === 'COPY').map((instruction) => instruction.getArgumentsContent())
      expect(copies, service.name).toEqual([`/out/${service.name} ./`])
    }
    const runtimeEnv = stage('runtime')?.instructions.filter((instruction) => instruction.getKeyword() === 'ENV').map((instruction) => instruction.getArgumentsContent()).join(' ')
    expect(runtimeEnv).toContain('HOST=0.0.0.0')
    expect(runtimeEnv).toContain('SQL_DIR=/app/sql')
  })

  it('uses COPY, never ADD, and copies only files that exist and that .dockerignore lets in', () => {
    const patterns = dockerignorePatterns()
    for (const { name, instructions } of stages) {
      for (const instruction of instructions) {
        expect(instruction.getKeyword(), name).not.toBe('ADD')
        if (instruction.getKeyword() !== 'COPY' || text.split('\n')[instruction.getRange().start.line]?.includes('--from=')) continue
        const sources = instruction.getArguments().map((arg) => arg.getValue()).slice(0, -1)
        for (const source of sources) {
          if (source === '.') continue
          expect(existsSync(join(root, source)), source).toBe(true)
          expect(dockerIgnores(patterns, source), source).toBe(false)
        }
      }
    }
  })
})

describe('.dockerignore', () => {
  const patterns = dockerignorePatterns()

  it('keeps out what the build makes again, history, local data, secrets and tests', () => {
    for (const path of [
      'node_modules', 'services/identity/node_modules', 'packages/kit/dist', 'services/gateway/dist/server.js', '.git', '.data',
      '.turbo', 'packages/db/.turbo', '.env', 'services/identity/src/config.test.ts', 'services/grading/test/helpers.ts', 'bench/results'
    ]) expect(dockerIgnores(patterns, path), path).toBe(true)
  })

  it('lets in everything the build needs: manifests, lockfile, sources, sql/ and the health check', () => {
    for (const path of [
      'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', 'turbo.json', 'sql/00-init.sql', 'sql/identity',
      'docker/healthcheck.mjs', 'services/identity/src/server.ts', 'services/identity/tsconfig.build.json', 'packages/tsconfig/base.json',
      '.env.example', ...services.map((service) => `services/${service.name}/package.json`)
    ]) expect(dockerIgnores(patterns, path), path).toBe(false)
  })
})
