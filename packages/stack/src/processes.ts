import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'

export type ProcessSpec = {
  name: string
  command: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
}

export type ProcessGroupOptions = {
  /** Writes one already-prefixed line of a child's output. */
  write: (name: string, line: string, stream: 'stdout' | 'stderr') => void
  /** A child ended while nobody asked it to: the stack stops. */
  onUnexpectedExit: (name: string, code: number | null, signal: NodeJS.Signals | null) => void
  /** How long children get to finish after SIGTERM before they are killed. */
  graceMs?: number
}

export type ProcessGroup = {
  /** SIGTERM to every child, SIGKILL to those still running after the grace period. */
  stop: () => Promise<void>
  /** SIGKILL to every child at once (second Ctrl-C, or the stack itself is dying). */
  kill: () => void
}

function forwardLines (input: Readable | null, forward: (line: string) => void): void {
  if (input === null) return
  createInterface({ input, crlfDelay: Infinity }).on('line', forward)
}

function signalGroup (child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    // The negative pid reaches the child's whole process group (tsx watch runs the server as a grandchild).
    process.kill(-child.pid, signal)
  } catch {
    child.kill(signal)
  }
}

/**
 * Runs each service as its own process, in its own process group: Ctrl-C in the terminal then reaches
 * only the stack, which sends every service exactly one SIGTERM (a second signal makes the kit's
 * shutdown give up and exit at once) and waits for them.
 */
export function startProcesses (specs: readonly ProcessSpec[], options: ProcessGroupOptions): ProcessGroup {
  const graceMs = options.graceMs ?? 15_000
  let stopping = false
  const running = new Map<string, { child: ChildProcess, exited: Promise<void> }>()

  for (const spec of specs) {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<void>((resolve) => {
      const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (!running.has(spec.name)) return
        running.delete(spec.name)
        if (!stopping) options.onUnexpectedExit(spec.name, code, signal)
        resolve()
      }
      child.once('exit', settle)
      // A process that could not be spawned at all reports only 'error', never 'exit'.
      child.once('error', (error) => {
        options.write(spec.name, `could not run ${spec.command}: ${error.message}`, 'stderr')
        if (child.pid === undefined) settle(null, null)
      })
    })
    forwardLines(child.stdout, (line) => options.write(spec.name, line, 'stdout'))
    forwardLines(child.stderr, (line) => options.write(spec.name, line, 'stderr'))
    running.set(spec.name, { child, exited })
  }

  const kill = (): void => {
    stopping = true
    for (const { child } of running.values()) signalGroup(child, 'SIGKILL')
  }
  // Children are in their own groups, so they would outlive a stack that exits abruptly.
  process.once('exit', kill)

  return {
    kill,
    stop: async () => {
      stopping = true
      const children = [...running.values()]
      // A child that is only sent SIGTERM to its pid lets tsx watch relay it once to the server.
      for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(kill, graceMs)
      await Promise.all(children.map(async ({ exited }) => { await exited }))
      clearTimeout(timer)
      process.removeListener('exit', kill)
    }
  }
}

/** Writes prefixed lines to the stack's own stdout and stderr. */
export function lineWriter (prefix: (name: string) => string, stdout: Writable, stderr: Writable): ProcessGroupOptions['write'] {
  return (name, line, stream) => {
    (stream === 'stdout' ? stdout : stderr).write(`${prefix(name)}${line}\n`)
  }
}
