import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import type { Jwks } from './test-issuer.js'

export type JwksServer = {
  /** Full URL of the JWKS document, on 127.0.0.1. */
  url: string
  /** How many times the JWKS was requested, to check caching and fetch bounds. */
  readonly requests: number
  close: () => Promise<void>
}

/** Where identity serves its JWKS; the test server uses the same path. */
export const JWKS_PATH = '/.well-known/jwks.json'

/**
 * Serves a JWKS over real HTTP on a free loopback port, read from `source.jwks` on every request so
 * that `issuer.rotate()` shows up as it would at identity.
 */
export async function startJwksServer (source: { readonly jwks: Jwks }): Promise<JwksServer> {
  const app = Fastify({ logger: false })
  let requests = 0
  app.get(JWKS_PATH, () => {
    requests++
    return source.jwks
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${JWKS_PATH}`,
    get requests () { return requests },
    close: () => app.close()
  }
}
