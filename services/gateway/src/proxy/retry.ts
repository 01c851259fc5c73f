import { isConnectionFailure } from './upstream-errors.js'

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Short waits: a replica restarting behind a balancer, or a keep-alive socket the service just closed. */
const DELAYS_MS = [50, 200]

type RetryContext = { err: Error | null | undefined, req: { method?: string }, res?: unknown, attempt: number }

/**
 * reply-from's retry hook: another try only for idempotent methods that failed to connect or lost
 * their socket before any answer. An answer of any status, even 503, goes to the client as it is
 * (reply-from's default would retry a GET's 503 up to ten times, following Retry-After).
 */
export function retryDelay ({ err, req, res, attempt }: RetryContext): number | null {
  if (res !== undefined && res !== null) return null
  if (err === null || err === undefined || !IDEMPOTENT.has(req.method ?? '') || !isConnectionFailure(err)) return null
  return DELAYS_MS[attempt] ?? null
}
