import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, readFile, rm } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { discoverServices, type ServiceInfo } from './discover.js'
import { StackError } from './errors.js'

/** Where `pnpm build:prod` puts the production build, relative to the workspace root. */
export const DEFAULT_DEPLOY_DIR = join('.data', 'prod')

/** Deploys at once: each is mostly file copying, and the machines here have two cores. */
const CONCURRENCY = 3

export type DeployOptions = {
  root: string
  /** The production build's folder: `<out>/<service>/` per service and `<out>/sql/`. */
  out: string
  /** Only these services (folder names); all of them when empty. */
  only: readonly string[]
  log: (line: string) => void
}

async function run (file: string, args: string[], cwd: string): Promise<{ code: number, output: string }> {
  return await new Promise((resolve) => {
    execFile(file, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: `${stdout}${stderr}`.trim() })
    })
  })
}

/**
 * `pnpm deploy --prod`: the service's `files` (its dist/) and a node_modules of its own with only
 * production dependencies, the workspace packages copied in (their `files`, dist/) rather than linked
 * to the checkout. --offline: `pnpm install` already put every package in the store, so nothing is
 * fetched and the build works without a registry.
 */
async function deployService (service: ServiceInfo, options: DeployOptions): Promise<void> {
  const started = Date.now()
  const manifest = JSON.parse(await readFile(join(service.dir, 'package.json'), 'utf8')) as { name: string }
  const target = join(options.out, service.name)
  // pnpm deploy refuses a folder that is not empty; an earlier build is replaced whole.
  await rm(target, { recursive: true, force: true })
  const result = await run('pnpm', [`--filter=${manifest.name}`, 'deploy', '--prod', '--offline', target], options.root)
  if (result.code !== 0) throw new StackError(`pnpm deploy of ${manifest.name} failed:\n${result.output.slice(-4000)}`)
  const shown = target.startsWith(`${options.root}${sep}`) ? relative(options.root, target) : target
  options.log(`${service.name}: ${shown} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

/**
 * The production build (`pnpm build:prod`): every service deployed to `<out>/<service>/`, runnable with
 * `node dist/server.js` in that folder and nothing else, plus `<out>/sql/` (schemas, roles and
 * migrations), which services find through SQL_DIR. Services must be built (`turbo run build`) first.
 */
export async function deploy (options: DeployOptions): Promise<ServiceInfo[]> {
  const all = await discoverServices(options.root)
  const unknown = options.only.filter((name) => !all.some((service) => service.name === name))
  if (unknown.length > 0) throw new StackError(`No such service: ${unknown.join(', ')} (services: ${all.map((service) => service.name).join(', ')})`)
  const services = options.only.length === 0 ? all : all.filter((service) => options.only.includes(service.name))
  const missing = services.filter((service) => !existsSync(join(service.dir, 'dist', 'server.js')))
  if (missing.length > 0) {
    throw new StackError(`Not built: ${missing.map((service) => relative(options.root, join(service.dir, 'dist', 'server.js'))).join(', ')}; run pnpm build (pnpm build:prod does)`)
  }

  const out = resolve(options.root, options.out)
  await mkdir(out, { recursive: true })
  await rm(join(out, 'sql'), { recursive: true, force: true })
  await cp(join(options.root, 'sql'), join(out, 'sql'), { recursive: true })

  const queue = [...services]
  const worker = async (): Promise<void> => {
    for (let service = queue.shift(); service !== undefined; service = queue.shift()) await deployService(service, { ...options, out })
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, services.length) }, worker))
  return services
}
