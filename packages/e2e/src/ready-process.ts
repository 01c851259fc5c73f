import { spawn } from 'node:child_process'
import { waitFor } from '@repo/testing'

export type ReadyProcess = {
  /** The started process's id (benchmarks find the stack's service processes as its children). */
  pid: number | undefined
  /** Everything the process printed so far, stdout and stderr together. */
  output: () => string
  /** SIGTERM (if still running), then its exit code. */
  stop: () => Promise<number | null>
}

export type ReadyProcessOptions = {
  /** What is started, for the wait's and the error's wording ("the stack", "the extra gateway"). */
  what: string
  args: string[]
  cwd?: string
  env: NodeJS.ProcessEnv
  /** Polled until it answers 200. */
  readyUrl: string
  timeoutMs: number
}

/**
 * Starts `node <args>` and waits until `readyUrl` answers 200. A process that exits first, or is not
 * ready in time, is stopped and reported with the tail of what it printed.
 */
export async function startReadyProcess (options: ReadyProcessOptions): Promise<ReadyProcess> {
  const child = spawn(process.execPath, options.args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd === undefined ? {} : { cwd: options.cwd }) })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code) }))
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null) child.kill('SIGTERM')
    return await exited
  }
  try {
    await waitFor(`${options.what} to be ready`, async () => {
      if (child.exitCode !== null) throw new Error(`${options.what} exited with ${child.exitCode}`)
      const response = await fetch(options.readyUrl).catch(() => undefined)
      return response?.status === 200 ? true : undefined
    }, options.timeoutMs)
  } catch (error) {
    await stop()
    throw new Error(`${options.what} did not become ready:\n${output.slice(-4000)}`, { cause: error })
  }
  return { pid: child.pid, output: () => output, stop }
}
