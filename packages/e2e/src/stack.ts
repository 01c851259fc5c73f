import { join } from 'node:path'
import { findWorkspaceRoot } from '@repo/db'
import { discoverServices, envName } from '@repo/stack'
import { freePort } from '@repo/testing'
import { prepareProdBuild } from './prod-build.js'
import { startReadyProcess, type ReadyProcess } from './ready-process.js'

export type RunningStack = {
  gatewayUrl: string
  /** Each service's own base URL (for comparing direct calls with proxied ones). */
  serviceUrls: Record<string, string>
  /** The stack CLI's process id: every service runs as its child (benchmarks read their memory). */
  pid: number | undefined
  /** Everything the stack printed so far (prefixed lines of every service). */
  output: () => string
  stop: () => Promise<number | null>
}

export type StackOptions = {
  /** Administrator URL of a database of the run's own. */
  databaseUrl: string
  natsUrl: string
  /** EVENTS_PREFIX: the run's own subjects and streams. */
  eventsPrefix: string
  /** Further variables for every service (e.g. BCRYPT_COST). */
  env?: Record<string, string>
  /**
   * The production build to run (prepareProdBuild, `pnpm build:prod`). Unset: one is deployed for this
   * stack alone and removed when it stops.
   */
  build?: string
}

/**
 * Starts the whole stack from the production build, the way `pnpm start:prod` does
 * (`packages/stack/dist/cli.js start --prod <build>`: every service as plain `node dist/server.js` in
 * its deployed folder), every service on a free port so a developer's running stack is never in the
 * way, and waits until the gateway reports every service ready.
 */
export async function startStack (options: StackOptions): Promise<RunningStack> {
  const root = findWorkspaceRoot(import.meta.dirname)
  const build = options.build === undefined ? await prepareProdBuild() : { dir: options.build, remove: async () => {} }
  const services = await discoverServices(root)
  const ports: Record<string, string> = {}
  const serviceUrls: Record<string, string> = {}
  for (const service of services) {
    const port = await freePort()
    ports[`${envName(service.name)}_PORT`] = String(port)
    serviceUrls[service.name] = `http://127.0.0.1:${port}`
  }
  const gatewayUrl = serviceUrls.gateway
  if (gatewayUrl === undefined) throw new Error('No gateway service found')

  let running: ReadyProcess
  try {
    running = await startReadyProcess({
      what: 'the stack',
      args: [join(root, 'packages', 'stack', 'dist', 'cli.js'), 'start', '--prod', build.dir],
      env: {
        ...process.env,
        ...options.env,
        ...ports,
        DATABASE_URL: options.databaseUrl,
        NATS_URL: options.natsUrl,
        EVENTS_PREFIX: options.eventsPrefix,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn'
      },
      readyUrl: `${gatewayUrl}/ready`,
      timeoutMs: 90_000
    })
  } catch (error) {
    await build.remove()
    throw error
  }
  const stop = async (): Promise<number | null> => {
    const code = await running.stop()
    await build.remove()
    return code
  }
  return { gatewayUrl, serviceUrls, pid: running.pid, output: running.output, stop }
}
