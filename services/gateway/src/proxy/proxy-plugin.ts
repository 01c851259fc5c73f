import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy'
import { ErrorCodes } from '@repo/kit'
import { withoutUpstreamCors } from '../edge/cors.js'
import type { Upstream } from '../upstreams.js'
import { bodyWasTooLarge, streamBodiesWithLimit } from './body-limit.js'
import { accepts } from './connect-probe.js'
import { forwardHeaders } from './forward-headers.js'
import { ReplicaSet } from './replicas.js'
import { retryDelay } from './retry.js'
import { BodyTooLarge, isConnectionFailure, upstreamFailure, UpstreamUnavailable } from './upstream-errors.js'

export type ProxyOptions = {
  upstreams: readonly Upstream[]
  bodyLimitBytes: number
  /** UPSTREAM_TIMEOUT_MS: no answer (headers, or the next body chunk) within this is a 504. */
  upstreamTimeoutMs: number
}

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>
/** A request as reply-from's getUpstream gets it (HTTP/1 or HTTP/2); the handler's and hooks' fit it. */
type ProxiedRequest = Parameters<NonNullable<ReplyOptions['getUpstream']>>[0]

/** Connecting may take this long at most (less when UPSTREAM_TIMEOUT_MS is shorter). */
const MAX_CONNECT_TIMEOUT_MS = 5000

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

function isUpgrade (request: FastifyRequest): boolean {
  return request.headers.upgrade?.toLowerCase() === 'websocket'
}

/**
 * Forwards each upstream's prefixes to it with @fastify/http-proxy, one registration per upstream. Each
 * prefix becomes two routes, `/p` and `/p/*`, so Fastify's router gives exact segment matching, and a
 * longer prefix of another upstream wins over a shorter one.
 *
 * Replicas: each request gets a plan, the upstream's replicas in the order to try (ReplicaSet: round
 * robin, recently refused ones last). The first replica is tried; when an idempotent request cannot
 * connect, it goes to the next one (retry.ts decides), within the one handler, since reply-from's own
 * retry would go back to the same address. reply-from's default undici Agent keeps a connection pool
 * per replica. A WebSocket upgrade is only handed to a replica that accepts a TCP connection.
 */
export const proxyPlugin = fp(async (app: FastifyInstance, options: ProxyOptions) => {
  checkRouteTable(options.upstreams)
  for (const upstream of options.upstreams) {
    await app.register(async (scope) => { await registerUpstream(scope, upstream, options) })
  }
}, { name: 'gateway-proxy' })

async function registerUpstream (scope: FastifyInstance, upstream: Upstream, options: ProxyOptions): Promise<void> {
  const replicas = new ReplicaSet(upstream.urls)
  const connectTimeoutMs = Math.min(options.upstreamTimeoutMs, MAX_CONNECT_TIMEOUT_MS)
  const plans = new WeakMap<ProxiedRequest, string[]>()
  const planFor = (request: ProxiedRequest): string[] => {
    let plan = plans.get(request)
    if (plan === undefined) {
      plan = replicas.plan()
      plans.set(request, plan)
    }
    return plan
  }

  /** The client's answer once no further try is made: 413 for a cut-off body, else 503 or 504. */
  const fail = (reply: FastifyReply, error: Error): void => {
    const { request } = reply
    if (bodyWasTooLarge(request)) {
      void reply.send(BodyTooLarge())
      return
    }
    request.log.warn({ err: error, upstream: upstream.name }, 'upstream request failed')
    void reply.send(upstreamFailure(error))
  }

  const forward = (request: ProxiedRequest, reply: FastifyReply, dest: string, replyOptions: ReplyOptions, attempt: number): void => {
    const plan = planFor(request)
    const replica = plan[attempt % plan.length] ?? upstream.urls[0] ?? ''
    void reply.from(dest, {
      ...replyOptions,
      getUpstream: () => replica,
      onError: (failed, { error }) => {
        if (isConnectionFailure(error)) replicas.failed(replica)
        if (failed.sent) return
        // A body that went out as a stream cannot be sent a second time.
        const replayable = request.body === undefined || request.body === null
        const delay = replayable ? retryDelay({ err: error, req: request, attempt, replicas: plan.length }) : null
        if (delay === null) {
          fail(failed as FastifyReply, error)
          return
        }
        setTimeout(() => { forward(request, reply, dest, replyOptions, attempt + 1) }, delay)
      }
    })
  }

  streamBodiesWithLimit(scope, options.bodyLimitBytes)
  if (upstream.websocket !== true) {
    // Once one upstream proxies WebSockets, every upgrade reaches the router; one for a prefix
    // without WebSockets would otherwise be hijacked with no proxy behind it and hang unanswered.
    // Callback style, not async: it runs for every proxied request, so it costs no promise each.
    scope.addHook('onRequest', (request, reply, done) => {
      if (isUpgrade(request)) {
        void reply.code(404).send({ detail: 'Not Found', code: ErrorCodes.notFound })
        return
      }
      done()
    })
  } else {
    // Once accepted, a proxied WebSocket can neither move to another replica nor get a status: pick a
    // replica that accepts connections first, and answer 503 before the upgrade when none does.
    const pickReachable = async (request: ProxiedRequest): Promise<void> => {
      const plan = planFor(request)
      for (const [index, replica] of plan.entries()) {
        if (await accepts(replica, connectTimeoutMs)) {
          plan.unshift(...plan.splice(index, 1))
          return
        }
        replicas.failed(replica)
      }
      request.log.warn({ upstream: upstream.name }, 'no replica accepts WebSocket connections')
      throw UpstreamUnavailable()
    }
    scope.addHook('preHandler', (request, _reply, done) => {
      if (!isUpgrade(request)) {
        done()
        return
      }
      pickReachable(request).then(() => { done() }, done)
    })
  }

  const wsClientOptions = {
    headers: {},
    // A replica that accepts the connection but never completes the handshake closes the client's socket.
    handshakeTimeout: options.upstreamTimeoutMs,
    // As for HTTP: the request id and the client address; and the cookie, as http-proxy does by default.
    // The `?token=` stays in the URL, which only the kit's log serializers get to see (redacted).
    rewriteRequestHeaders: (headers: Record<string, string>, request: FastifyRequest) => forwardHeaders(request, {
      ...headers,
      ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }),
      ...(request.headers['x-forwarded-for'] === undefined ? {} : { 'x-forwarded-for': request.headers['x-forwarded-for'] })
    })
  }
  const proxyOptions: FastifyHttpProxyOptions = {
    // No fixed upstream: getUpstream names the replica per request (and per WebSocket connection).
    upstream: '',
    routes: upstream.prefixes.flatMap((prefix) => [prefix, `${prefix}/*`]),
    // The services serve the same /api/... paths: nothing is stripped or rewritten.
    rewritePrefix: '',
    // Bodies go through as streams; the parser above (with the size cap) is the only one here.
    proxyPayloads: false,
    ...(upstream.websocket === true ? { websocket: true as const, wsClientOptions } : {}),
    disableRequestLogging: true,
    undici: { connectTimeout: connectTimeoutMs },
    handler: (request, reply, dest, replyOptions) => { forward(request, reply, dest, replyOptions, 0) },
    replyOptions: {
      timeout: options.upstreamTimeoutMs,
      getUpstream: (request) => planFor(request)[0] ?? '',
      // Retries are forward()'s, across replicas; reply-from's own would repeat the same replica.
      retryDelay: () => null,
      rewriteRequestHeaders: forwardHeaders,
      // The gateway's CORS headers are the only ones: a service's own are dropped, not doubled.
      rewriteHeaders: (headers, request) => withoutUpstreamCors(headers, request ?? { headers: {} }),
      onError: (reply, { error }) => { fail(reply as FastifyReply, error) }
    }
  }
  await scope.register(httpProxy, proxyOptions)
}
