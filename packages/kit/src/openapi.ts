import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { optionalDefaultsInRequests, withErrorResponses } from './openapi-defaults.js'
import { ErrorResponseSchema } from './schemas.js'

/** Where every service serves its own OpenAPI document (not under /api, so the gateway never proxies it). */
export const OPENAPI_PATH = '/openapi.json'

/** Operational and service-to-service routes stay out of the public document. */
export function isUndocumentedPath (url: string): boolean {
  return url === OPENAPI_PATH || url === '/health' || url === '/ready' || url === '/internal' || url.startsWith('/internal/')
}

/** Marks @fastify/swagger as registered, so plugins that depend on it (@fastify/swagger-ui) load. */
const swaggerLoaded = fp(async () => {}, { name: '@fastify/swagger' })

/**
 * Sets up @fastify/swagger (OpenAPI 3, dynamic mode) and `GET /openapi.json`. Swagger collects routes
 * (and their TypeBox schemas) from an onRoute hook, so the hook must exist before the first route.
 * `app.register()` would only load it at `ready()`, after the routes a service adds synchronously right
 * after createService, so the plugin function is applied to the root instance directly, here.
 */
export function registerOpenApi (app: FastifyInstance, service: string): void {
  const options: FastifyDynamicSwaggerOptions = {
    openapi: {
      openapi: '3.0.3',
      info: { title: service, version: '1.0.0' },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }
      }
    },
    transform: ({ schema, url }) => ({
      schema: isUndocumentedPath(url) ? { ...schema, hide: true } : schema,
      url
    }),
    transformObject: (documentObject) => {
      const document = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
      return withErrorResponses(optionalDefaultsInRequests(document), ErrorResponseSchema)
    }
  }
  swagger(app, options, (error) => { if (error !== undefined) throw error })
  void app.register(swaggerLoaded)
  void app.register(async (scope) => {
    scope.get(OPENAPI_PATH, { schema: { hide: true } }, () => scope.swagger())
  })
}
