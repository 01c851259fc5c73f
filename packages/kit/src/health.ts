import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Resolves when the dependency answers; throws (or times out) when it does not. */
export type ReadinessCheck = () => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** Dependencies that `GET /ready` asks (its database, NATS, ...). */
    readinessChecks: Map<string, ReadinessCheck>
  }
}

const CHECK_TIMEOUT_MS = 2000

async function runCheck (check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)
  })
  try {
    await Promise.race([check(), timeout])
    return 'ok'
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    clearTimeout(timer)
  }
}

export type HealthOptions = {
  service: string
  /** Extra fields for the `/health` body (the gateway reports its upstreams there). */
  details?: () => Promise<Record<string, unknown>>
}

/**
 * `GET /health` answers while the process is alive; `GET /ready` answers 200 only while every
 * registered dependency answers, so a load balancer stops sending traffic to a replica that lost them.
 */
export const healthPlugin = fp((app: FastifyInstance, options: HealthOptions) => {
  app.get('/health', { logLevel: 'warn' }, async () => ({
    status: 'ok',
    service: options.service,
    ...(options.details === undefined ? {} : await options.details())
  }))

  app.get('/ready', { logLevel: 'warn' }, async (_request, reply) => {
    const names = [...app.readinessChecks.keys()]
    const results = await Promise.all([...app.readinessChecks.values()].map(runCheck))
    const checks = Object.fromEntries(names.map((name, index) => [name, results[index]]))
    const ready = results.every((result) => result === 'ok')
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', service: options.service, checks })
  })
}, { name: '@repo/kit/health' })
