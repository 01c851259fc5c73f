import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'

// Accept a caller's id only when it is short and plain, so it cannot inject into logs or headers.
const acceptable = /^[\w.:-]{1,128}$/

/** Takes the caller's `x-request-id` when it is safe, otherwise makes a new one. */
export function requestIdFrom (request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER]
  const value = Array.isArray(given) ? given[0] : given
  return value !== undefined && acceptable.test(value) ? value : randomUUID()
}
