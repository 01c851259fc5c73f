import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { envName } from '@repo/stack'
import { freePort, waitFor } from '@repo/testing'

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
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: join(build, 'gateway'),
    // Only what a gateway needs: the suite's own variables (raised limits) must not leak in.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...upstreams, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve() }))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
  const url = `http://127.0.0.1:${port}`
  try {
    await waitFor('the extra gateway to be ready', async () => {
      if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}:\n${output}`)
      const response = await fetch(`${url}/ready`).catch(() => undefined)
      return response?.status === 200 ? true : undefined
    }, 30_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stop }
}
