import type { IncomingMessage } from 'node:http'
import { Transform } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BodyTooLarge } from './upstream-errors.js'

/** A declared body up to this many times the limit is read (and dropped) before the 413 goes out. */
const DRAIN_FACTOR = 16

/** Requests whose body was cut off at the limit, so a failed forward is answered 413, not 503. */
const overLimit = new WeakSet<object>()

export function bodyWasTooLarge (request: object): boolean {
  return overLimit.has(request)
}

/**
 * Lets request bodies through as raw streams (the gateway never parses or validates a proxied body;
 * the services do), while still refusing more than `limit` bytes: a larger Content-Length is 413 before
 * anything is read, and a chunked body is cut off once it passes the limit.
 */
export function streamBodiesWithLimit (scope: FastifyInstance, limit: number): void {
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage, done: (error: Error | null, body?: unknown) => void) => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      if (declared > limit * DRAIN_FACTOR) {
        done(BodyTooLarge())
        return
      }
      // Read and drop the body, then answer. A 413 sent while the client is still uploading is
      // followed by a reset of its socket, and clients (fetch among them) then often report a network
      // error instead of the 413. Bodies far over the limit are not worth reading: they get it at once.
      let answered = false
      const answer = () => {
        if (answered) return
        answered = true
        done(BodyTooLarge())
      }
      payload.once('end', answer)
      payload.once('error', answer)
      payload.resume()
      return
    }
    let seen = 0
    const counted = new Transform({
      transform (chunk: Buffer, _encoding, callback) {
        seen += chunk.length
        if (seen > limit) {
          overLimit.add(request)
          callback(BodyTooLarge())
          return
        }
        callback(null, chunk)
      }
    })
    payload.on('error', (error) => counted.destroy(error))
    done(null, payload.pipe(counted))
  })
}
