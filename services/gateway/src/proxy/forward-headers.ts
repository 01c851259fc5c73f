import { REQUEST_ID_HEADER } from '@repo/kit'

/** What is read from the request; structural, so it fits reply-from's HTTP/1 and HTTP/2 request types. */
type ForwardedRequest = { id: string, raw: { socket: { remoteAddress?: string | undefined } } }
type Headers = Record<string, string | string[] | undefined>

/**
 * Headers for the upstream request: the gateway's request id (the caller's when it was safe, else the
 * one the gateway made), so one id ties the gateway's and the service's logs together; and the client
 * address appended to X-Forwarded-For, which services behind the gateway trust (TRUST_PROXY) to see
 * clients. An entry a client wrote itself stays to the left, where a trusting service ignores it.
 */
export function forwardHeaders<THeaders extends Headers> (request: ForwardedRequest, headers: THeaders): THeaders {
  const client = request.raw.socket.remoteAddress
  const existing = headers['x-forwarded-for']
  const chain = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...(client === undefined ? [] : [client])]
  return {
    ...headers,
    [REQUEST_ID_HEADER]: request.id,
    ...(chain.length === 0 ? {} : { 'x-forwarded-for': chain.join(', ') })
  }
}
