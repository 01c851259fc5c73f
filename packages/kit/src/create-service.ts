import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { errorHandlerPlugin } from './error-handler.js'
import { healthPlugin, type ReadinessCheck } from './health.js'
import { loggerOptions } from './logger.js'
import { registerOpenApi } from './openapi.js'
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js'

/** The Fastify instance every service gets, with TypeBox schemas typing its routes. */
export type ServiceApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>

export type CreateServiceOptions = {
  /** Service name, used in logs and health answers. */
  name: string
  logLevel?: string
  bodyLimitBytes?: number
  /** Replaces the JSON logger (tests pass `false` or a stream-backed pino). */
  logger?: FastifyBaseLogger
  /** TRUST_PROXY: whose X-Forwarded-For to believe for `request.ip` (empty or unset: nobody's). */
  trustProxy?: string
  /** Extra fields for the `/health` body. */
  healthDetails?: () => Promise<Record<string, unknown>>
}

/**
 * Builds a service's Fastify instance: structured logs with a request id (the caller's `x-request-id`
 * when it is safe, echoed in every response), the shared error envelope, `/health` and `/ready`, and a
 * body size limit, and its OpenAPI document at `GET /openapi.json`. The service registers its own routes on it; it never listens here (see runServer).
 */
export function createService (options: CreateServiceOptions): ServiceApp {
  const app = Fastify({
    ...(options.logger === undefined
      ? { logger: loggerOptions(options.name, options.logLevel ?? 'info') }
      : { loggerInstance: options.logger }),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    // While closing, new requests get 503 so a load balancer moves on; in-flight ones finish.
    return503OnClosing: true,
    trustProxy: options.trustProxy === undefined || options.trustProxy.trim() === '' ? false : options.trustProxy.split(',').map((entry) => entry.trim()),
    ajv: { customOptions: { allErrors: true } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  // First, so @fastify/swagger sees every route added after it (GET /openapi.json, see openapi.ts).
  registerOpenApi(app, options.name)
  // Decorated here, not inside a plugin, so a service can register checks before the app is ready.
  app.decorate('readinessChecks', new Map<string, ReadinessCheck>())
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    done()
  })
  // A keep-alive connection would hold the server open after its last response; once closing, each
  // response ends its connection so shutdown finishes as soon as in-flight requests do.
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  void app.register(errorHandlerPlugin)
  void app.register(healthPlugin, { service: options.name, ...(options.healthDetails === undefined ? {} : { details: options.healthDetails }) })
  return app
}
