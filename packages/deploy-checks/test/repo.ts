import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

/** The repository root (this package is packages/deploy-checks). */
export const root = join(import.meta.dirname, '..', '..', '..')

export const read = (path: string): string => readFileSync(join(root, path), 'utf8')

export type PlatformService = { name: string, port: number, schema?: string }

/** The services as `pnpm start` finds them: services/<name> whose package.json has a `platform` field. */
export function platformServices (): PlatformService[] {
  const found: PlatformService[] = []
  for (const name of readdirSync(join(root, 'services')).sort()) {
    const file = join(root, 'services', name, 'package.json')
    if (!existsSync(file)) continue
    const platform = (JSON.parse(readFileSync(file, 'utf8')) as { platform?: { port: number, schema?: string } }).platform
    if (platform !== undefined) found.push({ name, port: platform.port, ...(platform.schema === undefined ? {} : { schema: platform.schema }) })
  }
  return found
}

export const INFRASTRUCTURE = ['mailpit', 'nats', 'postgres'] as const

// ---------------------------------------------------------------------------------------------------
// docker-compose

/** Values for the variables the compose files require, as a user's .env would give them. */
export const REQUIRED_SECRETS = {
  EMAIL_SETTINGS_KEY: 'c2VjcmV0LWtleS1mb3ItdGhlLWNvbXBvc2UtY2hlY2suLg==',
  INTERNAL_API_TOKEN: 'internal-token-for-the-compose-check-0123456789'
}

export type ComposeRun = { status: number | null, stdout: string, stderr: string }

/**
 * Runs Debian's docker-compose (1.29, the real parser: interpolation, `extends`, merging of several
 * files, schema validation) from the repository root. The environment is only PATH and HOME plus an
 * env file of our own, so a developer's .env or shell cannot change the result.
 */
export function dockerCompose (files: string[], args: string[], env: Record<string, string>): ComposeRun {
  const folder = mkdtempSync(join(tmpdir(), 'compose-check-'))
  try {
    const envFile = join(folder, 'env')
    writeFileSync(envFile, Object.entries(env).map(([name, value]) => `${name}=${value}\n`).join(''))
    const result = spawnSync('docker-compose', ['--env-file', envFile, ...files.flatMap((file) => ['-f', file]), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: folder },
      timeout: 120_000
    })
    if (result.error !== undefined) {
      const reason = (result.error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'docker-compose is not installed (Debian: apt-get install --no-install-recommends docker-compose; .ci/run installs it)'
        : result.error.message
      throw new Error(`could not run docker-compose: ${reason}`)
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export type ComposeService = {
  image?: string
  build?: { context: string, target?: string, dockerfile?: string }
  command?: string[] | string
  environment?: Record<string, string | null>
  depends_on?: Record<string, { condition: string }>
  healthcheck?: { test?: string[] | string, disable?: boolean }
  ports?: Array<string | { published?: number | string, target: number | string, host_ip?: string }>
  volumes?: Array<string | { type: string, source?: string, target: string, read_only?: boolean }>
  profiles?: string[]
  restart?: string
  stop_grace_period?: string
}

export type ComposeModel = { services: Record<string, ComposeService>, volumes?: Record<string, unknown> }

/** The model docker-compose itself resolves from the files (`config`), parsed. */
export function resolvedCompose (files: string[]): ComposeModel {
  const run = dockerCompose(files, ['config'], REQUIRED_SECRETS)
  if (run.status !== 0) throw new Error(`docker-compose ${files.join(' + ')} config failed (${String(run.status)}): ${run.stderr}`)
  return parse(run.stdout) as ComposeModel
}

/** A published port as `host_ip:published->target` (`*` for every address), from either syntax. */
export function publishedPort (port: NonNullable<ComposeService['ports']>[number]): string {
  if (typeof port !== 'string') return `${port.host_ip ?? '*'}:${String(port.published)}->${String(port.target)}`
  const parts = port.replace(/\/\w+$/, '').split(':')
  const target = parts.pop() as string
  const published = parts.pop() ?? ''
  return `${parts.pop() ?? '*'}:${published}->${target}`
}

export type Mount = { type: 'volume' | 'bind', source: string, target: string, readOnly: boolean }

/** A mount from either syntax (docker-compose 1.x prints `source:target:mode`, the plugin objects). */
export function mount (volume: NonNullable<ComposeService['volumes']>[number]): Mount {
  if (typeof volume !== 'string') {
    return { type: volume.type === 'volume' ? 'volume' : 'bind', source: volume.source ?? '', target: volume.target, readOnly: volume.read_only === true }
  }
  const [source = '', target = '', mode = 'rw'] = volume.split(':')
  return { type: source.startsWith('/') || source.startsWith('.') ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') }
}

/** Every `${NAME...}` a compose file interpolates. */
export function interpolatedVariables (text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string))
}

// ---------------------------------------------------------------------------------------------------
// Variables: .env.example, README's configuration table, the services' config schemas

/** Names .env.example lists, set (`NAME=`) or commented out (`# NAME=`). */
export function envExampleVariables (): { set: Map<string, string>, commented: Set<string> } {
  const set = new Map<string, string>()
  const commented = new Set<string>()
  for (const line of read('.env.example').split('\n')) {
    const active = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (active !== null) set.set(active[1] as string, active[2] as string)
    const inactive = /^#\s*([A-Z][A-Z0-9_]*)=/.exec(line)
    if (inactive !== null) commented.add(inactive[1] as string)
  }
  return { set, commented }
}

/**
 * The variables named in the first column of README's configuration table. `<SERVICE>_X` stands for
 * every service (`<SERVICE>_DB_PASSWORD` for those with a schema); wildcards such as `DB_*` are left
 * out, their members have rows of their own.
 */
export function readmeVariables (): Set<string> {
  const readme = read('README.md')
  const start = readme.indexOf('## Configuration')
  if (start < 0) throw new Error('README.md has no "## Configuration" section')
  const end = readme.indexOf('\n## ', start + 1)
  const names = new Set<string>()
  const services = platformServices()
  for (const line of readme.slice(start, end < 0 ? undefined : end).split('\n')) {
    if (!line.startsWith('| `')) continue
    const firstColumn = line.split('|')[1] ?? ''
    for (const match of firstColumn.matchAll(/`([^`]+)`/g)) {
      const name = match[1] as string
      if (name.startsWith('<SERVICE>_')) {
        const suffix = name.slice('<SERVICE>'.length)
        for (const service of services) {
          if (suffix === '_DB_PASSWORD' && service.schema === undefined) continue
          names.add(`${service.name.toUpperCase()}${suffix}`)
        }
      } else if (/^[A-Z][A-Z0-9_]*$/.test(name)) {
        names.add(name)
      }
    }
  }
  return names
}

/** The keys of an object literal in TypeScript source: `NAME: Type...` lines and `...XFields` spreads. */
function schemaKeys (source: string, fields: (spread: string) => string[]): string[] {
  const keys: string[] = []
  for (const match of source.matchAll(/^\s*(?:([A-Z][A-Z0-9_]*)\s*:|\.\.\.(\w+ConfigFields))/gm)) {
    if (match[1] !== undefined) keys.push(match[1])
    else keys.push(...fields(match[2] as string))
  }
  return keys
}

/** Every variable a service's `src/config.ts` schema reads (with the kit's shared fields it spreads). */
export function serviceConfigVariables (service: string): Set<string> {
  const kit = read('packages/kit/src/config.ts')
  const kitFields = (name: string): string[] => {
    const start = kit.indexOf(`export const ${name} = {`)
    if (start < 0) throw new Error(`packages/kit/src/config.ts has no ${name}`)
    const body = kit.slice(start, kit.indexOf('\n}', start))
    return schemaKeys(body.slice(body.indexOf('{') + 1), () => [])
  }
  return new Set(schemaKeys(read(`services/${service}/src/config.ts`), kitFields))
}

// ---------------------------------------------------------------------------------------------------
// .dockerignore

/**
 * Whether .dockerignore leaves `path` out of the build context: Docker's rules (Go filepath.Match per
 * segment, `**` for any number of segments, a pattern also covers what is under it, `!` re-includes,
 * the last matching line wins).
 */
export function dockerIgnores (patterns: string[], path: string): boolean {
  let ignored = false
  for (const raw of patterns) {
    const negated = raw.startsWith('!')
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+/, '').replace(/\/+$/, '')
    if (patternRegExp(pattern).test(path)) ignored = !negated
  }
  return ignored
}

function patternRegExp (pattern: string): RegExp {
  let source = ''
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string
    if (pattern.startsWith('**/', index)) {
      source += '(?:.*/)?'
      index += 2
    } else if (pattern.startsWith('**', index)) {
      source += '.*'
      index += 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}(?:/.*)?$`)
}

export function dockerignorePatterns (): string[] {
  return read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))
}
