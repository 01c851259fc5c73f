import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { discoverServices, type ServiceInfo } from './discover.js'
import { StackError } from './errors.js'
import { withKeptSecrets } from './kept-secrets.js'
import { migrateAll } from './migrate.js'
import { DEFAULT_NATS_URL, howToStartNats, probeNats } from './nats-probe.js'
import { preparePostgres, PROBE_TIMEOUT_MS } from './postgres.js'
import { createPrefixer } from './prefix.js'
import { lineWriter, startProcesses, type ProcessGroup, type ProcessSpec } from './processes.js'
import { servicePort, serviceEnvironment, type StackContext } from './service-env.js'
import { waitForHttpOk } from './wait-http.js'

export type StartOptions = {
  root: string
  /** Run the TypeScript sources with `tsx watch` instead of the built `dist/server.js`. */
  dev: boolean
  /**
   * A production build's folder (`pnpm build:prod`): each service runs as `node dist/server.js` in
   * `<prod>/<service>`, with SQL_DIR `<prod>/sql`, instead of from its folder in the checkout.
   */
  prod?: string
  env: NodeJS.ProcessEnv
  stdout: Writable
  stderr: Writable
  /** Colour the name prefixes (only when writing to a terminal). */
  colour: boolean
}

/** The folder a service runs in: its own in the checkout, or its deployed copy in a production build. */
function serviceFolder (service: ServiceInfo, prod: string | undefined): string {
  return prod === undefined ? service.dir : join(prod, service.name)
}

function processSpec (service: ServiceInfo, context: StackContext, options: StartOptions): ProcessSpec {
  const env = serviceEnvironment(service, context)
  if (options.dev) {
    const tsx = fileURLToPath(import.meta.resolve('tsx/cli'))
    return { name: service.name, command: process.execPath, args: [tsx, 'watch', '--clear-screen=false', 'src/server.ts'], cwd: service.dir, env }
  }
  if (options.prod !== undefined) env.SQL_DIR = join(options.prod, 'sql')
  return { name: service.name, command: process.execPath, args: ['dist/server.js'], cwd: serviceFolder(service, options.prod), env }
}

async function requireNats (natsUrl: string, log: (line: string) => void): Promise<void> {
  const probe = await probeNats(natsUrl, PROBE_TIMEOUT_MS)
  if (!probe.ok) throw new StackError(howToStartNats(natsUrl, probe.reason))
  if (!probe.jetstream) throw new StackError(`NATS at ${natsUrl} runs without JetStream; restart it with -js (e.g. nats-server -js -sd .data/nats)`)
  log(`NATS ${probe.version} with JetStream: ${natsUrl}`)
}

/**
 * `pnpm start`: Postgres (configured, local, or embedded), NATS (must be running), migrations, then
 * every service as its own process with prefixed logs until Ctrl-C or SIGTERM (exit 0) or until a
 * service dies by itself (exit 1, everything else is stopped).
 */
export async function start (options: StartOptions): Promise<number> {
  const startedAt = Date.now()
  const services = await discoverServices(options.root)
  if (services.length === 0) throw new StackError('No services under services/ (a service is a folder whose package.json has a "platform" field)')
  const prefix = createPrefixer(['stack', ...services.map((service) => service.name)], options.colour)
  const write = lineWriter(prefix, options.stdout, options.stderr)
  const log = (line: string): void => write('stack', line, 'stdout')

  if (!options.dev) {
    const missing = services.filter((service) => !existsSync(join(serviceFolder(service, options.prod), 'dist', 'server.js')))
    if (missing.length > 0) {
      const files = missing.map((service) => relative(options.root, join(serviceFolder(service, options.prod), 'dist', 'server.js'))).join(', ')
      throw new StackError(`Not built: ${files}; run ${options.prod === undefined ? 'pnpm build (pnpm start does)' : 'pnpm build:prod'}`)
    }
  }

  // Signals are taken over from the start, so an early Ctrl-C still stops the embedded Postgres.
  let group: ProcessGroup | undefined
  let finish: (code: number) => void = () => {}
  const finished = new Promise<number>((resolve) => { finish = resolve })
  let stopping = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // An embedded Postgres is left running here; the next start finds and stops it.
      log(`second ${signal}: killing everything now`)
      group?.kill()
      process.exit(130)
    }
    stopping = true
    log(`${signal} received, stopping (press Ctrl-C again to kill at once)`)
    finish(0)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const postgres = await preparePostgres(options.root, options.env, log)
  try {
    if (stopping) return 0
    const natsUrl = options.env.NATS_URL || DEFAULT_NATS_URL
    await requireNats(natsUrl, log)
    const sqlDir = options.prod === undefined ? undefined : join(options.prod, 'sql')
    await migrateAll({ adminUrl: postgres.adminUrl, root: options.root, services, env: options.env, log, ...(sqlDir === undefined ? {} : { sqlDir }) })
    if (stopping) return 0

    // EMAIL_SETTINGS_KEY (invitation's saved SMTP passwords) and INTERNAL_API_TOKEN (the internal
    // routes' service credential): made here once, kept for later starts, given to every service.
    const env = await withKeptSecrets(options.root, options.env, log)
    const context: StackContext = { adminUrl: postgres.adminUrl, natsUrl, env, services }
    const mode = options.dev ? ' in watch mode' : options.prod === undefined ? '' : ` from the production build in ${options.prod}`
    log(`starting ${services.map((service) => `${service.name} (:${servicePort(service, options.env)})`).join(', ')}${mode}`)
    group = startProcesses(services.map((service) => processSpec(service, context, options)), {
      write,
      onUnexpectedExit: (name, code, signal) => {
        log(`${name} exited by itself (${signal ?? `code ${code ?? 'unknown'}`}); stopping the stack`)
        stopping = true
        finish(1)
      }
    })

    const gateway = services.find((service) => service.name === 'gateway')
    if (gateway !== undefined) {
      const url = `http://127.0.0.1:${servicePort(gateway, options.env)}/api/`
      void waitForHttpOk(url, () => stopping).then((up) => {
        if (up) log(`The platform API is up at ${url} (${((Date.now() - startedAt) / 1000).toFixed(1)} s after start)`)
      })
    }

    const code = await finished
    log('stopping the services')
    await group.stop()
    log('all services stopped')
    return code
  } finally {
    group?.kill()
    if (postgres.embedded !== undefined) {
      log('stopping the embedded Postgres')
      await postgres.embedded.stop()
    }
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}
