import { spawn, type ChildProcess } from 'node:child_process'
import { waitFor } from '@repo/testing'

/** One replica of a service as a process of its own, which a test may kill and start again. */
export type ServiceProcess = {
  /** `gateway`, `grading`, ... */
  name: string
  replica: number
  url: string
  /** Starts it (again, on the same port and with the same environment) and waits until /ready answers 200. */
  start: () => Promise<void>
  /** Sends `signal` (SIGKILL: no clean-up at all) and waits for the process to exit; a stopped one is left alone. */
  kill: (signal?: NodeJS.Signals) => Promise<void>
  running: () => boolean
  /** The current life's process id (undefined before the first start), to tell a restart from the same process. */
  pid: () => number | undefined
  /** Everything it printed over all its lives, stdout and stderr together. */
  output: () => string
}

export type ServiceProcessOptions = {
  name: string
  replica: number
  /** The service's folder; it runs as `node dist/server.js` there, as `pnpm start` runs it. */
  dir: string
  port: number
  env: NodeJS.ProcessEnv
  readyTimeoutMs?: number
}

export function serviceProcess (options: ServiceProcessOptions): ServiceProcess {
  const url = `http://127.0.0.1:${options.port}`
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let output = ''
  const running = (): boolean => child !== undefined && child.exitCode === null && child.signalCode === null

  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (!running()) return
    child?.kill(signal)
    await exited
  }

  const start = async (): Promise<void> => {
    if (running()) throw new Error(`${options.name} #${options.replica} is already running`)
    const started = spawn(process.execPath, ['dist/server.js'], { cwd: options.dir, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    child = started
    exited = new Promise((resolve) => started.once('exit', () => { resolve() }))
    started.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
    started.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
    try {
      await waitFor(`${options.name} #${options.replica} to be ready`, async () => {
        if (started.exitCode !== null) throw new Error(`${options.name} exited with ${started.exitCode}`)
        const response = await fetch(`${url}/ready`).catch(() => undefined)
        if (response?.status !== 200) return undefined
        // Another process on the port (ours failed to listen) must not pass for this one.
        const { service } = await response.json() as { service?: unknown }
        if (service !== options.name) throw new Error(`${url} is ${String(service)}, not ${options.name}`)
        return true
      }, options.readyTimeoutMs ?? 60_000)
    } catch (error) {
      await kill('SIGKILL')
      throw new Error(`${options.name} #${options.replica} did not become ready:\n${output.slice(-4000)}`, { cause: error })
    }
  }

  return { name: options.name, replica: options.replica, url, start, kill, running, pid: () => child?.pid, output: () => output }
}
