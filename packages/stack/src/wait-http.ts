import { setTimeout as sleep } from 'node:timers/promises'

/** Polls `url` until it answers 200; gives up (false) once `stopped()` says the stack is stopping. */
export async function waitForHttpOk (url: string, stopped: () => boolean, intervalMs = 250): Promise<boolean> {
  while (!stopped()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      await response.body?.cancel()
      if (response.ok) return true
    } catch {
      // not listening yet
    }
    await sleep(intervalMs)
  }
  return false
}
