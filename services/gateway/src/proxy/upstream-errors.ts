import { defineError, ErrorCodes } from '@repo/kit'

export const GatewayErrorCodes = {
  upstreamUnavailable: 'GATEWAY_UPSTREAM_UNAVAILABLE',
  upstreamTimeout: 'GATEWAY_UPSTREAM_TIMEOUT'
} as const

/** The service could not be reached (refused, reset, unknown host, connect timeout): try again shortly. */
export const UpstreamUnavailable = defineError(503, GatewayErrorCodes.upstreamUnavailable, 'The service is unavailable, please retry', { 'retry-after': '1' })
/** The service was reached but did not answer within UPSTREAM_TIMEOUT_MS. */
export const UpstreamTimeout = defineError(504, GatewayErrorCodes.upstreamTimeout, 'The service did not answer in time')
/** The same answer as the kit gives for a buffered body over BODY_LIMIT_BYTES. */
export const BodyTooLarge = defineError(413, ErrorCodes.payloadTooLarge, 'Request body is too large')

// reply-from's own timeout errors and undici's, whichever surfaces (reply-from keeps undici's as `cause`).
const timeoutCodes = new Set([
  'FST_REPLY_FROM_GATEWAY_TIMEOUT', 'FST_REPLY_FROM_TIMEOUT', 'FST_REPLY_FROM_HTTP_REQUEST_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'
])

// Failures before any byte of an answer: the request cannot have been processed, or, for a reset on a
// reused keep-alive socket, idempotent methods may safely go again.
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'])

function codesOf (error: unknown): string[] {
  const codes: string[] = []
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
  }
  return codes
}

/**
 * What the client is told when the proxied request failed before an answer: 504 when the service was
 * too slow, 503 for everything else. Never 500: nothing went wrong in the gateway itself.
 */
export function upstreamFailure (error: unknown): ReturnType<typeof UpstreamUnavailable> {
  return codesOf(error).some((code) => timeoutCodes.has(code)) ? UpstreamTimeout() : UpstreamUnavailable()
}

export function isConnectionFailure (error: unknown): boolean {
  return codesOf(error).some((code) => connectionCodes.has(code))
}
