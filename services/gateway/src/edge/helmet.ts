import type { FastifyHelmetOptions } from '@fastify/helmet'

/**
 * Security headers for a JSON API that also serves the OpenAPI UI at /docs. Helmet's default CSP
 * (`default-src 'self'`, inline styles, `data:` images) is what swagger-ui's own files need, so /docs
 * keeps working from the gateway's origin. The API is called from other origins (CORS_ORIGINS), so
 * Cross-Origin-Resource-Policy is `cross-origin`; CORS still decides who may read an answer.
 * Headers only: WebSocket upgrades are not answered by an HTTP response and are not affected.
 */
export const helmetOptions: FastifyHelmetOptions = {
  global: true,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  // The frontend opens invite links from mails; nothing the API serves needs the referrer.
  referrerPolicy: { policy: 'no-referrer' }
}
