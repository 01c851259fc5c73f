import { serviceDatabaseUrl } from '@repo/db'
import { envName, type ServiceInfo } from './discover.js'
import { StackError } from './errors.js'

/** `<NAME>_PORT` when set, else the port in the service's package.json. */
export function servicePort (service: ServiceInfo, env: NodeJS.ProcessEnv): number {
  const variable = `${envName(service.name)}_PORT`
  const given = env[variable]
  if (given === undefined || given === '') return service.port
  const port = Number(given)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StackError(`${variable} must be a port number (got ${JSON.stringify(given)})`)
  return port
}

export type StackContext = {
  /** Administrator URL of the platform database; services never get it, only their own role's URL. */
  adminUrl: string
  natsUrl: string
  env: NodeJS.ProcessEnv
  services: readonly ServiceInfo[]
}

/**
 * A service's environment: everything the stack was given (so SMTP, JWT and similar settings reach
 * the service) plus its port, its own role's database URL, NATS, and the base URL of every other
 * service (`IDENTITY_URL`, ...): the gateway routes with them, and a service may call another
 * where ARCHITECTURE.md allows a synchronous call.
 */
export function serviceEnvironment (service: ServiceInfo, context: StackContext): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...context.env, PORT: String(servicePort(service, context.env)), NATS_URL: context.natsUrl }
  // The administrator's credentials stay with the stack: a service gets only its own role's URL.
  for (const name of ['DATABASE_URL', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME']) delete env[name]
  if (service.schema !== undefined) {
    env.DATABASE_URL = serviceDatabaseUrl(context.adminUrl, service.schema, context.env[`${envName(service.schema)}_DB_PASSWORD`] || undefined)
  }
  if (context.env.LOG_LEVEL !== undefined && context.env.LOG_LEVEL !== '') env.LOG_LEVEL = context.env.LOG_LEVEL
  withMemoryDefaults(env)
  for (const other of context.services) {
    if (other !== service) env[`${envName(other.name)}_URL`] = `http://127.0.0.1:${servicePort(other, context.env)}`
  }
  return env
}

/**
 * How a service process keeps its memory down after a burst, unless the environment says otherwise:
 * 2 MB semi-spaces (V8's young generation otherwise grows to 16 MB each and stays there; the services
 * make many small, short-lived objects, so scavenging more often costs little) and two malloc arenas
 * (glibc otherwise keeps one per thread, and holds on to what a burst allocated). `pnpm bench`
 * (platform) measured the services at 81-125 MB 35 s after its runs with these, up to 223 MB without.
 * The Dockerfile sets the same. The third measure, a cap on the old generation's growth, is a V8 flag
 * that NODE_OPTIONS cannot carry: every service sets it itself (runServer in @repo/kit).
 */
export function withMemoryDefaults (env: NodeJS.ProcessEnv): void {
  if (env.MALLOC_ARENA_MAX === undefined || env.MALLOC_ARENA_MAX === '') env.MALLOC_ARENA_MAX = '2'
  const nodeOptions = env.NODE_OPTIONS ?? ''
  if (!nodeOptions.includes('--max-semi-space-size')) env.NODE_OPTIONS = `${nodeOptions} --max-semi-space-size=2`.trim()
}
