import type { FastifyRequest } from 'fastify'
import type { LoggerOptions } from 'pino'

// Path segments after these words are secrets (invite tokens), as is any `token` query parameter.
const secretPathWords = new Set(['token', 'take-test', 'start-test', 'submit-test'])
const secretQuery = /([?&](?:token|access_token|invite_token)=)[^&]*/gi

/** Hides invite tokens and access tokens that appear in a URL before it is logged. */
export function redactUrl (url: string): string {
  const [path = '', query] = url.split(/\?(.*)/s, 2)
  const segments = path.split('/')
  for (let index = 1; index < segments.length; index++) {
    if (secretPathWords.has(segments[index - 1] ?? '') && segments[index] !== '') segments[index] = '[redacted]'
  }
  const safePath = segments.join('/')
  return query === undefined ? safePath : `${safePath}?${query}`.replace(secretQuery, '$1[redacted]')
}

export function loggerOptions (service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    // Belt and braces: these never belong in a log line, whatever object carries them.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.new_password', '*.smtp_password', '*.access_token', '*.token'],
      censor: '[redacted]'
    },
    serializers: {
      // Any `url` field, not only the request's: @fastify/http-proxy logs each proxied WebSocket's
      // upstream URL (with the client's `?token=`) at debug level as `{ url }`.
      url: (url: unknown) => typeof url === 'string' ? redactUrl(url) : url,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip
      })
    }
  }
}
