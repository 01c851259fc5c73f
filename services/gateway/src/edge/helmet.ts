import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'

/**
 * Security headers for a JSON API that also serves the OpenAPI UI at /docs. Helmet's default CSP
 * (`default-src 'self'`, inline styles, `data:` images) is what swagger-ui's own files need, so /docs
 * keeps working from the gateway's origin (swagger-ui then sets its own CSP there). The API is called
 * from other origins (CORS_ORIGINS), so Cross-Origin-Resource-Policy is `cross-origin`; CORS still
 * decides who may read an answer. Headers only: WebSocket upgrades are not answered by an HTTP
 * response and are not affected.
 */
export const helmetOptions: HelmetOptions = {
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  // The frontend opens invite links from mails; nothing the API serves needs the referrer.
  referrerPolicy: { policy: 'no-referrer' }
}

/**
 * The headers helmet sets for `options`, computed once at start-up. With no CSP nonces and no
 * per-request directive functions they never depend on the request. @fastify/helmet 13.2.0 builds
 * helmet's whole middleware chain again for every request, in two async hooks; on the gateway's
 * cheapest proxied route that was the largest single part of its own CPU cost (bench/gateway.ts).
 */
export function securityHeaders (options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {}
  // Helmet's middlewares only call setHeader / removeHeader on the response.
  const recorder = {
    setHeader: (name: string, value: unknown) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name: string) => { delete headers[name.toLowerCase()] }
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined && error !== null) throw error instanceof Error ? error : new Error(String(error))
  })
  return Object.freeze(headers)
}
