import { Type } from 'typebox'
import type { ServiceApp } from '@repo/kit'
import type { IdentityContext } from '../context.js'

const Jwks = Type.Object({
  keys: Type.Array(Type.Object({
    kty: Type.String(), crv: Type.String(), x: Type.String(), kid: Type.String(), use: Type.String(), alg: Type.String()
  }))
})

/** The public keys, at the standard path and under /api for clients that only reach the gateway's /api. */
export function jwksRoutes (app: ServiceApp, ctx: IdentityContext): void {
  for (const path of ['/.well-known/jwks.json', '/api/auth/jwks']) {
    app.get(path, { schema: { response: { 200: Jwks } } }, async (_request, reply) => {
      // Short enough that an HTTP cache never hides a rotated-in key past its activation delay.
      void reply.header('cache-control', 'public, max-age=5')
      return ctx.keys.jwks()
    })
  }
}
