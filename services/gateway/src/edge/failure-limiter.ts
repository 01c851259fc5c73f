/** One client address's failures in the current window. */
type Window = { failures: number, resetAt: number }

export type FailureLimiter = {
  /** Milliseconds until the address may try again, or 0 while it is under the limit. */
  blockedFor: (key: string) => number
  /** Counts one failure (for example a 404 on a guessed invite token). */
  recordFailure: (key: string) => void
}

/** Above this many addresses, expired windows are swept before a new one is added (bounded memory). */
const SWEEP_ABOVE = 10_000

/**
 * A fixed-window limiter that counts failures only. Invite tokens are guessed by making many requests
 * that fail; an applicant who holds a real token autosaves as often as the page likes and never fails.
 * Counting every request (as @fastify/rate-limit does) would throttle the applicant before the guesser.
 */
export function createFailureLimiter (maxFailures: number, windowMs: number, now: () => number = Date.now): FailureLimiter {
  const windows = new Map<string, Window>()

  const current = (key: string): Window | undefined => {
    const window = windows.get(key)
    if (window !== undefined && window.resetAt <= now()) {
      windows.delete(key)
      return undefined
    }
    return window
  }

  const sweep = (): void => {
    const time = now()
    for (const [key, window] of windows) if (window.resetAt <= time) windows.delete(key)
  }

  return {
    blockedFor: (key) => {
      const window = current(key)
      return window !== undefined && window.failures >= maxFailures ? window.resetAt - now() : 0
    },
    recordFailure: (key) => {
      const window = current(key)
      if (window !== undefined) {
        window.failures++
        return
      }
      if (windows.size >= SWEEP_ABOVE) sweep()
      windows.set(key, { failures: 1, resetAt: now() + windowMs })
    }
  }
}
