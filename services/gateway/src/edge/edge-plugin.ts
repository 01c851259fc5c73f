import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import { bearerTokenFrom, createTokenVerifier } from '@repo/auth'
import { AppError } from '@repo/kit'
import type { Upstream } from '../upstreams.js'
import { corsOptions } from './cors.js'
import { createFailureLimiter } from './failure-limiter.js'
import { helmetOptions, securityHeaders } from './helmet.js'
import { pathOf, routePolicy } from './route-policy.js'

export const EdgeErrorCodes = { rateLimited: 'GATEWAY_RATE_LIMITED' } as const

export type RateLimits = {
  /** RATE_LIMIT_PER_MINUTE: every /api request of one client address that no stricter limit counts. */
  perMinute: number
  /** AUTH_RATE_LIMIT_PER_MINUTE: POST /api/auth/login and /api/auth/register. */
  authPerMinute: number
  /**
   * INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: failed lookups (404) on the routes that take an invite token in
   * the path; those routes' other requests count under `perMinute` like any other.
   */
  inviteTokenPerMinute: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 600, authPerMinute: 30, inviteTokenPerMinute: 60 }

export type EarlyAuthOptions = {
  jwksUrl: string
  issuer: string
  audience: string
  /** Reads the JWKS another way (from whichever identity replica answers); `jwksUrl` is then a label. */
  loadJwks?: () => Promise<unknown>
}

export type EdgeOptions = {
  upstreams: readonly Upstream[]
  /** CORS_ORIGINS, comma-separated; `*` (the default) reflects any origin. */
  corsOrigins: string
  rateLimits: RateLimits
  /** Verify tokens on the table's protected prefixes before forwarding; unset, only the services check. */
  earlyAuth?: EarlyAuthOptions
}

const WINDOW_MS = 60_000

function rateLimited (ttlMs: number): AppError {
  return new AppError(429, EdgeErrorCodes.rateLimited, 'Too many requests, please retry later', { 'retry-after': String(Math.max(1, Math.ceil(ttlMs / 1000))) })
}

/** True for the paths the gateway's own edge rules cover: the API, not /health, /ready or /docs. */
function isApiPath (path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

/**
 * What every request meets before it is routed: CORS (preflights answered here, for proxied routes
 * too), security headers, per-client rate limits on /api (never on /health, /ready, /docs), and the
 * early token check on protected prefixes, in that order. The client address is `request.ip`, which
 * follows TRUST_PROXY.
 */
export const edgePlugin = fp(async (app: FastifyInstance, options: EdgeOptions) => {
  const policy = routePolicy(options.upstreams)
  await app.register(cors, corsOptions(options.corsOrigins))
  const security = securityHeaders(helmetOptions)
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(security)
    done()
  })
  await app.register(rateLimit, {
    // Global by default: it would also count /health, /ready and /docs. Limits are applied below by path.
    global: false,
    timeWindow: WINDOW_MS,
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl)
  })
  const limiters = {
    general: app.rateLimit({ max: options.rateLimits.perMinute, timeWindow: WINDOW_MS }),
    auth: app.rateLimit({ max: options.rateLimits.authPerMinute, timeWindow: WINDOW_MS })
  }
  // Guessing an invite token is a run of 404s; an applicant holding a real one (autosaving often, or
  // many applicants behind one NAT) never fails a lookup, so only failures count against this limit.
  const inviteTokenGuesses = createFailureLimiter(options.rateLimits.inviteTokenPerMinute, WINDOW_MS)
  const verify = options.earlyAuth === undefined ? undefined : createTokenVerifier({ ...options.earlyAuth, log: app.log })

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url)
    if (!isApiPath(path)) return
    // A preflight the CORS plugin did not answer (a refused origin) counts as an ordinary request.
    const strict = request.method === 'OPTIONS' ? undefined : policy.strictLimitFor(request.method, path)
    if (strict === 'inviteToken') {
      const waitMs = inviteTokenGuesses.blockedFor(request.ip)
      if (waitMs > 0) throw rateLimited(waitMs)
    }
    await limiters[strict === 'auth' ? 'auth' : 'general'].call(app, request, reply)
    if (verify !== undefined && request.method !== 'OPTIONS' && policy.needsToken(path)) {
      // 401 "Not authenticated" / "Could not validate credentials" with WWW-Authenticate: Bearer (D1).
      await verify(bearerTokenFrom(request.headers.authorization))
    }
  })

  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode === 404 && request.method !== 'OPTIONS' && policy.strictLimitFor(request.method, pathOf(request.url)) === 'inviteToken') {
      inviteTokenGuesses.recordFailure(request.ip)
    }
    done()
  })
}, { name: 'gateway-edge' })
