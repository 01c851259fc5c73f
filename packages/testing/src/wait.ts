import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Polls until `probe` returns a value other than undefined, for effects that happen asynchronously
 * (an event consumed, a row written). Fails with `what` after `timeoutMs`.
 */
export async function waitFor<T> (what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      lastError = error
    }
    await sleep(25)
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError })
}
