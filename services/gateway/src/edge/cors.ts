import type { FastifyCorsOptions } from '@fastify/cors'

/** Every method the API serves, so a preflight for any of them passes (the original allows all). */
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * @fastify/cors options from CORS_ORIGINS (comma-separated, default `*`), as the original: credentials,
 * all methods, all headers (with no `allowedHeaders`, the preflight's Access-Control-Request-Headers are reflected,
 * Authorization included). With
 * credentials a browser refuses `Access-Control-Allow-Origin: *`, so `*` reflects the caller's origin.
 * An origin not listed gets no CORS headers, and its browser refuses the answer.
 */
export function corsOptions (origins: string): FastifyCorsOptions {
  const list = origins.split(',').map((origin) => origin.trim().replace(/\/+$/, '')).filter((origin) => origin !== '')
  return {
    origin: list.length === 0 || list.includes('*') ? true : list,
    credentials: true,
    methods: ALL_METHODS,
    // Rate-limit and request-id headers are readable by the frontend.
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
    // Preflights are answered here, before rate limits and the token check, and never reach a service.
    preflightContinue: false
  }
}

type UpstreamHeaders = Record<string, string | string[] | undefined>

/**
 * The gateway owns the CORS policy: an upstream's own Access-Control-* headers are dropped, so the
 * ones the gateway set on the reply go out once and are the only ones; an upstream `Vary` keeps `Origin`.
 */
export function withoutUpstreamCors (headers: UpstreamHeaders, request: { headers: { origin?: string | undefined } }): UpstreamHeaders {
  const kept: UpstreamHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith('access-control-')) kept[name] = value
  }
  const vary = kept.vary
  if (request.headers.origin !== undefined && typeof vary === 'string' && vary.trim() !== '*' && !/(^|,)\s*origin\s*(,|$)/i.test(vary)) {
    kept.vary = `${vary}, Origin`
  }
  return kept
}
