import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy'
import { ErrorCodes } from '@repo/kit'
import { withoutUpstreamCors } from '../edge/cors.js'
import type { Upstream } from '../upstreams.js'
import { bodyWasTooLarge, streamBodiesWithLimit } from './body-limit.js'
import { forwardHeaders } from './forward-headers.js'
import { retryDelay } from './retry.js'
import { BodyTooLarge, upstreamFailure } from './upstream-errors.js'

export type ProxyOptions = {
  upstreams: readonly Upstream[]
  bodyLimitBytes: number
  /** UPSTREAM_TIMEOUT_MS: no answer (headers, or the next body chunk) within this is a 504. */
  upstreamTimeoutMs: number
}

/** Refuses a table the router would resolve by accident: a prefix claimed twice, or one outside /api/. */
export function checkRouteTable (upstreams: readonly Upstream[]): void {
  const owners = new Map<string, string>()
  for (const upstream of upstreams) {
    for (const prefix of upstream.prefixes) {
      if (!/^\/api(\/[\w.~-]+)+$/.test(prefix)) throw new Error(`gateway: prefix ${prefix} of ${upstream.name} must look like /api/<segment>[/...] without a trailing slash`)
      const owner = owners.get(prefix)
      if (owner !== undefined) throw new Error(`gateway: prefix ${prefix} is claimed by both ${owner} and ${upstream.name}`)
      owners.set(prefix, upstream.name)
    }
  }
}

/**
 * Forwards each upstream's prefixes to it with @fastify/http-proxy, one registration (one connection
 * pool) per upstream. Each prefix becomes two routes, `/p` and `/p/*`, so Fastify's router gives exact
 * segment matching, and a longer prefix of another upstream wins over a shorter one.
 */
export const proxyPlugin = fp(async (app: FastifyInstance, options: ProxyOptions) => {
  checkRouteTable(options.upstreams)
  for (const upstream of options.upstreams) {
    await app.register(async (scope) => {
      streamBodiesWithLimit(scope, options.bodyLimitBytes)
      if (upstream.websocket !== true) {
        // Once one upstream proxies WebSockets, every upgrade reaches the router; one for a prefix
        // without WebSockets would otherwise be hijacked with no proxy behind it and hang unanswered.
        scope.addHook('onRequest', async (request, reply) => {
          if (request.headers.upgrade?.toLowerCase() === 'websocket') await reply.code(404).send({ detail: 'Not Found', code: ErrorCodes.notFound })
        })
      }
      const proxyOptions: FastifyHttpProxyOptions = {
        upstream: upstream.url,
        routes: upstream.prefixes.flatMap((prefix) => [prefix, `${prefix}/*`]),
        // The services serve the same /api/... paths: nothing is stripped or rewritten.
        rewritePrefix: '',
        // Bodies go through as streams; the parser above (with the size cap) is the only one here.
        proxyPayloads: false,
        ...(upstream.websocket === true ? { websocket: true as const } : {}),
        disableRequestLogging: true,
        undici: { connectTimeout: Math.min(options.upstreamTimeoutMs, 5000) },
        replyOptions: {
          timeout: options.upstreamTimeoutMs,
          retryDelay,
          rewriteRequestHeaders: forwardHeaders,
          // The gateway's CORS headers are the only ones: a service's own are dropped, not doubled.
          rewriteHeaders: (headers, request) => withoutUpstreamCors(headers, request ?? { headers: {} }),
          onError: (reply, { error }) => {
            const { request } = reply
            if (bodyWasTooLarge(request)) {
              reply.send(BodyTooLarge())
              return
            }
            request.log.warn({ err: error, upstream: upstream.name }, 'upstream request failed')
            reply.send(upstreamFailure(error))
          }
        }
      }
      await scope.register(httpProxy, proxyOptions)
    })
  }
}, { name: 'gateway-proxy' })
