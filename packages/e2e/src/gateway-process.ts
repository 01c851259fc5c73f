import { join } from 'node:path'
import { envName } from '@repo/stack'
import { freePort } from '@repo/testing'
import { startReadyProcess } from './ready-process.js'

export type ExtraGateway = { url: string, stop: () => Promise<void> }

/**
 * A second gateway in front of the suite's running services, with the gateway's own defaults (the
 * suite's stack raises its rate limits) plus `env`. It is the production build's gateway (`build`, see
 * prepareProdBuild), started as `pnpm start:prod` starts it, so a test can drive the same services
 * through a differently configured edge.
 */
export async function startExtraGateway (build: string, serviceUrls: Record<string, string>, env: Record<string, string> = {}): Promise<ExtraGateway> {
  const port = await freePort()
  const upstreams = Object.fromEntries(Object.entries(serviceUrls)
    .filter(([name]) => name !== 'gateway')
    .map(([name, url]) => [`${envName(name)}_URL`, url]))
  const url = `http://127.0.0.1:${port}`
  const gateway = await startReadyProcess({
    what: 'the extra gateway',
    args: ['dist/server.js'],
    cwd: join(build, 'gateway'),
    // Only what a gateway needs: the suite's own variables (raised limits) must not leak in.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...upstreams, ...env },
    readyUrl: `${url}/ready`,
    timeoutMs: 30_000
  })
  return { url, stop: async () => { await gateway.stop() } }
}
