import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { createService, type ServiceApp } from '@repo/kit'
import { DEFAULT_RATE_LIMITS, edgePlugin, type EarlyAuthOptions, type RateLimits } from './edge/edge-plugin.js'
import { docsPlugin, type DocsOptions } from './docs.js'
import { proxyPlugin } from './proxy/proxy-plugin.js'
import { probeUpstream, upstreamStatuses } from './upstream-health.js'
import type { Upstream } from './upstreams.js'

export type GatewayOptions = {
  upstreams: readonly Upstream[]
  /** BODY_LIMIT_BYTES; also caps bodies proxied as streams (default 1 MiB, as the kit's). */
  bodyLimitBytes?: number
  /** UPSTREAM_TIMEOUT_MS (default 30 s). */
  upstreamTimeoutMs?: number
  /** The merged OpenAPI document at /docs/json: per-service fetch timeout and cache time. */
  docs?: Omit<DocsOptions, 'upstreams'>
  /** CORS_ORIGINS (default `*`). */
  corsOrigins?: string
  /** RATE_LIMIT_PER_MINUTE and the stricter limits (defaults: DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<RateLimits>
  /** Identity's JWKS, issuer and audience for the early token check; unset, only the services check tokens. */
  earlyAuth?: EarlyAuthOptions
}

/** The original platform's root answer; clients and monitors check for this exact body. */
export const API_ROOT_BODY = { message: 'Pre-Interview Test Platform API', status: 'running' } as const

const ApiRootSchema = Type.Object({ message: Type.String(), status: Type.Literal('running') })

/**
 * The gateway's routes. `/ready` fails while any upstream is not ready, so the gateway is only "ready"
 * when it can serve every route it announces.
 */
export const gatewayPlugin = fp((app: FastifyInstance, options: GatewayOptions) => {
  // First, so CORS, security headers, rate limits and the token check run before any route's handler.
  void app.register(edgePlugin, {
    upstreams: options.upstreams,
    corsOrigins: options.corsOrigins ?? '*',
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    ...(options.earlyAuth === undefined ? {} : { earlyAuth: options.earlyAuth })
  })

  app.get('/api/', { schema: { response: { 200: ApiRootSchema } } }, () => API_ROOT_BODY)
  // GET /docs/json: the gateway's and every service's /openapi.json merged; GET /docs: swagger-ui.
  void app.register(docsPlugin, { upstreams: options.upstreams, ...options.docs })

  void app.register(proxyPlugin, {
    upstreams: options.upstreams,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? 30_000
  })

  for (const upstream of options.upstreams) {
    app.readinessChecks.set(upstream.name, async () => {
      const result = await probeUpstream(upstream)
      if (result.status !== 'ready') throw new Error(result.detail ?? 'not ready')
    })
  }
}, { name: 'gateway' })

export type BuildGatewayOptions = GatewayOptions & {
  logLevel?: string
  logger?: FastifyBaseLogger
  /** TRUST_PROXY: whose X-Forwarded-For names the client the rate limits count (empty: nobody's). */
  trustProxy?: string
}

/** The gateway app as server.ts runs it and tests drive it; `/health` also reports every upstream. */
export function buildGateway (options: BuildGatewayOptions): ServiceApp {
  const app = createService({
    name: 'gateway',
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    healthDetails: async () => ({ services: await upstreamStatuses(options.upstreams) })
  })
  void app.register(gatewayPlugin, {
    upstreams: options.upstreams,
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    ...(options.upstreamTimeoutMs === undefined ? {} : { upstreamTimeoutMs: options.upstreamTimeoutMs }),
    ...(options.docs === undefined ? {} : { docs: options.docs }),
    ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    ...(options.earlyAuth === undefined ? {} : { earlyAuth: options.earlyAuth })
  })
  return app
}
