import type { Upstream } from './upstreams.js'

export type ReplicaStatus = { url: string, status: 'ready' | 'unavailable', detail?: string }
/** A service is ready while at least one of its replicas is; `detail` says why none is. */
export type UpstreamStatus = { status: 'ready' | 'unavailable', detail?: string, replicas: ReplicaStatus[] }

/** Long enough for a healthy service on a busy machine, short enough that `/health` stays quick. */
export const PROBE_TIMEOUT_MS = 1000

/**
 * Asks one replica's `GET /ready`. Never throws: a refused connection, a timeout or a non-200 answer
 * is `unavailable` with a short reason (the failing checks when the service names them).
 */
export async function probeReplica (url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ReplicaStatus> {
  try {
    const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) })
    if (response.ok) {
      await response.body?.cancel()
      return { url, status: 'ready' }
    }
    return { url, status: 'unavailable', detail: await failedChecks(response) }
  } catch (error) {
    return { url, status: 'unavailable', detail: reasonOf(error, timeoutMs) }
  }
}

/** Every replica of the upstream, asked in parallel: ready when one of them is. */
export async function probeUpstream (upstream: Upstream, timeoutMs = PROBE_TIMEOUT_MS): Promise<UpstreamStatus> {
  const replicas = await Promise.all(upstream.urls.map(async (url) => await probeReplica(url, timeoutMs)))
  if (replicas.some((replica) => replica.status === 'ready')) return { status: 'ready', replicas }
  const detail = replicas.length === 1
    ? replicas[0]?.detail
    : replicas.map((replica) => `${replica.url}: ${replica.detail ?? 'unavailable'}`).join('; ')
  return { status: 'unavailable', ...(detail === undefined ? {} : { detail }), replicas }
}

/** The kit's `/ready` answers `{ checks: { database: 'ok' | '<reason>' } }`; name the ones that failed. */
async function failedChecks (response: Response): Promise<string> {
  const fallback = `/ready answered ${response.status}`
  try {
    const body = await response.json() as { checks?: Record<string, unknown> }
    const failed = Object.entries(body.checks ?? {}).filter(([, result]) => result !== 'ok')
    return failed.length === 0 ? fallback : failed.map(([name, result]) => `${name}: ${String(result)}`).join('; ')
  } catch {
    return fallback
  }
}

function reasonOf (error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`
  // fetch wraps the socket error ("connect ECONNREFUSED 127.0.0.1:8001") in a generic "fetch failed".
  const cause = error instanceof Error ? error.cause : undefined
  if (cause instanceof Error) return cause.message
  return error instanceof Error ? error.message : String(error)
}

/** Every upstream's status, asked in parallel so `/health` takes one timeout at most. */
export async function upstreamStatuses (upstreams: readonly Upstream[]): Promise<Record<string, UpstreamStatus>> {
  const entries = await Promise.all(upstreams.map(async (upstream) => [upstream.name, await probeUpstream(upstream)] as const))
  return Object.fromEntries(entries)
}
