import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createService, type ServiceApp } from '@repo/kit'
import { proxyPlugin } from './proxy/proxy-plugin.js'
import { probeUpstream, upstreamStatuses } from './upstream-health.js'
import type { Upstream } from './upstreams.js'

export type GatewayOptions = {
  upstreams: readonly Upstream[]
  /** BODY_LIMIT_BYTES; also caps bodies proxied as streams (default 1 MiB, as the kit's). */
  bodyLimitBytes?: number
  /** UPSTREAM_TIMEOUT_MS (default 30 s). */
  upstreamTimeoutMs?: number
}

/** The original platform's root answer; clients and monitors check for this exact body. */
export const API_ROOT_BODY = { message: 'Pre-Interview Test Platform API', status: 'running' } as const

/**
 * The gateway's routes. `/ready` fails while any upstream is not ready, so the gateway is only "ready"
 * when it can serve every route it announces.
 */
export const gatewayPlugin = fp((app: FastifyInstance, options: GatewayOptions) => {
  app.get('/api/', () => API_ROOT_BODY)

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
}

/** The gateway app as server.ts runs it and tests drive it; `/health` also reports every upstream. */
export function buildGateway (options: BuildGatewayOptions): ServiceApp {
  const app = createService({
    name: 'gateway',
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    healthDetails: async () => ({ services: await upstreamStatuses(options.upstreams) })
  })
  void app.register(gatewayPlugin, {
    upstreams: options.upstreams,
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    ...(options.upstreamTimeoutMs === undefined ? {} : { upstreamTimeoutMs: options.upstreamTimeoutMs })
  })
  return app
}
