import { isConnectionFailure } from './upstream-errors.js'

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Short waits: a replica restarting behind a balancer, or a keep-alive socket the service just closed. */
const DELAYS_MS = [50, 200]

type RetryContext = {
  err: Error | null | undefined
  req: { method?: string }
  res?: unknown
  /** 0 for the first try. */
  attempt: number
  /** How many replicas the upstream has (default 1). */
  replicas?: number
}

/**
 * Whether, and after how long, a failed forward goes again: only idempotent methods that failed to
 * connect or lost their socket before any answer. With several replicas, the first retries go at once
 * to the replicas not tried yet (the one that refused cannot have seen the request); after that come
 * the short waits, on the replicas in turn. An answer of any status, even 503, goes to the client as it
 * is (reply-from's default would retry a GET's 503 up to ten times, following Retry-After).
 */
export function retryDelay ({ err, req, res, attempt, replicas = 1 }: RetryContext): number | null {
  if (res !== undefined && res !== null) return null
  if (err === null || err === undefined || !IDEMPOTENT.has(req.method ?? '') || !isConnectionFailure(err)) return null
  if (attempt < replicas - 1) return 0
  return DELAYS_MS[attempt - (replicas - 1)] ?? null
}
