import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findWorkspaceRoot } from '@repo/db'
import { discoverServices, type ServiceInfo } from '../src/discover.js'

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js')
// Tools that exist only to build, test or lint; none of them may reach a production folder.
const DEV_ONLY = ['tsx', 'vitest', 'vite', 'typescript', 'eslint', 'drizzle-kit', 'esbuild', '@types/bcrypt', '@repo/testing', '@repo/eslint-config', '@repo/tsconfig']

type Run = { code: number | null, stdout: string, stderr: string }

async function run (file: string, args: string[], options: { cwd: string, env: NodeJS.ProcessEnv }): Promise<Run> {
  return await new Promise((resolve) => {
    execFile(file, args, { ...options, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr })
    })
  })
}

/** `name@1.2.3_peer@4` and `@scope+name@1.2.3` folders of a virtual store, as package names. */
function storedPackageNames (entries: readonly string[]): string[] {
  return entries.map((entry) => {
    const at = entry.indexOf('@', 1)
    return (at === -1 ? entry : entry.slice(0, at)).replace('+', '/')
  })
}

// Every service is deployed outside the checkout, so nothing there can reach back into the repository.
let out: string
let services: ServiceInfo[]
let deployed: Run

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (turbo's test task does)`)
  services = await discoverServices(findWorkspaceRoot(import.meta.dirname))
  out = await mkdtemp(join(tmpdir(), 'stack-deploy-'))
  deployed = await run(process.execPath, [cli, 'deploy', '--out', out], { cwd: import.meta.dirname, env: process.env })
}, 180_000)
afterAll(async () => { await rm(out, { recursive: true, force: true }) })

describe('node dist/cli.js deploy --out <dir>', () => {
  it('writes every service with its compiled code only, and the SQL beside them', async () => {
    expect(deployed.code, deployed.stderr).toBe(0)
    expect(services.length).toBeGreaterThan(1)
    for (const service of services) {
      const folder = join(out, service.name)
      expect((await readdir(folder)).sort(), service.name).toEqual(['dist', 'node_modules', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'])
      expect(existsSync(join(folder, 'dist', 'server.js')), service.name).toBe(true)
      for (const name of await readdir(join(folder, 'node_modules', '@repo'))) {
        expect(await readdir(join(folder, 'node_modules', '@repo', name)), `${service.name}: @repo/${name}`).not.toContain('src')
      }
    }
    expect(existsSync(join(out, 'identity', 'dist', 'cli', 'create-admin.js'))).toBe(true)
    expect(existsSync(join(out, 'sql', '00-init.sql'))).toBe(true)
    expect(existsSync(join(out, 'sql', 'identity', 'meta', '_journal.json'))).toBe(true)
  })

  it('installs no dev dependency, directly or anywhere in the virtual store', async () => {
    for (const service of services) {
      const modules = join(out, service.name, 'node_modules')
      const direct = await readdir(modules)
      const scoped = (await Promise.all(direct.filter((entry) => entry.startsWith('@')).map(async (scope) => (await readdir(join(modules, scope))).map((name) => `${scope}/${name}`)))).flat()
      const stored = storedPackageNames(await readdir(join(modules, '.pnpm')))
      for (const name of DEV_ONLY) {
        expect([...direct, ...scoped], `${name} in ${service.name}/node_modules`).not.toContain(name)
        expect(stored, `${name} in ${service.name}/node_modules/.pnpm`).not.toContain(name)
      }
    }
    expect(storedPackageNames(await readdir(join(out, 'identity', 'node_modules', '.pnpm')))).toContain('bcrypt')
  })

  it('runs each service with plain node: every module loads (bcrypt too), then a bad setting stops it', async () => {
    const results = await Promise.all(services.map(async (service) => ({
      service: service.name,
      result: await run(process.execPath, ['dist/server.js'], { cwd: join(out, service.name), env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port' } })
    })))
    for (const { service, result } of results) {
      expect(result.code, `${service}: ${result.stderr}`).toBe(1)
      expect(result.stderr.trim(), service).toMatch(/^Invalid configuration: .*PORT /)
    }
  }, 60_000)

  it('says to set SQL_DIR when a service is started without it, instead of looking for the repository', async () => {
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://identity@127.0.0.1:1/none', LOG_LEVEL: 'silent' }
    const result = await run(process.execPath, ['dist/server.js'], { cwd: join(out, 'identity'), env })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('set SQL_DIR')
  }, 60_000)
})
