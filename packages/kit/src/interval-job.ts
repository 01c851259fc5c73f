import type { FastifyBaseLogger } from 'fastify'

export type IntervalJob = {
  /** Starts the timer; calling it again does nothing. */
  start: () => void
  /** Stops the timer and waits for a pass under way, so it finishes while the pool is still open. */
  stop: () => Promise<void>
  /** Runs one pass now, unless one is under way (then waits for that one). For tests and kick-starts. */
  runNow: () => Promise<void>
}

/**
 * Runs `pass` every `intervalMs`, one pass at a time per process. A failed pass is logged and simply
 * tried again at the next tick; background jobs (auto-submit, expiry, mail delivery, republishing)
 * must claim their rows so that replicas running the same job never do one piece of work twice.
 */
export function intervalJob (name: string, intervalMs: number, pass: () => Promise<unknown>, log: FastifyBaseLogger): IntervalJob {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const runOnce = async () => {
    try {
      await pass()
    } catch (error) {
      log.error({ err: error, job: name }, `${name} pass failed; it is retried at the next interval`)
    }
  }
  const runNow = async () => {
    running ??= runOnce().finally(() => { running = undefined })
    await running
  }
  return {
    start: () => {
      timer ??= setInterval(() => { if (running === undefined) void runNow() }, intervalMs)
    },
    stop: async () => {
      clearInterval(timer)
      timer = undefined
      await running
    },
    runNow
  }
}
