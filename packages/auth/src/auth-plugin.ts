import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { AuthUser } from './auth-user.js'
import { bearerTokenFrom } from './bearer-token.js'
import { createTokenVerifier, type TokenVerifierOptions, type VerifyAccessToken } from './token-verifier.js'

/** An onRequest/preHandler hook that rejects the request by throwing the kit's AppError. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** Hook: checks the Bearer token and sets `request.user`; 401 (or 503 when keys are out of reach) otherwise. */
    authenticate: AuthHook
    /** The same check without HTTP, e.g. for a WebSocket handshake's `?token=`. */
    verifyAccessToken: VerifyAccessToken
  }
  interface FastifyRequest {
    /** The verified caller. Set by `app.authenticate` (or `requireRole`); read it only on routes that run one. */
    user: AuthUser
  }
}

/** Options of authPlugin; `log` defaults to the app's logger. */
export type AuthPluginOptions = TokenVerifierOptions

/**
 * Verifies identity's access tokens in any service: decorates `app.authenticate`,
 * `app.verifyAccessToken` and `request.user`. Wrapped with fastify-plugin so the decorators reach the
 * whole app; routes opt in with `onRequest: app.authenticate` or `requireRole(...)`.
 */
export const authPlugin = fp((app: FastifyInstance, options: AuthPluginOptions, done: (error?: Error) => void) => {
  const verifyAccessToken = createTokenVerifier({ log: app.log, ...options })

  // Declared up front (Fastify keeps request objects one shape); undefined until authenticate runs.
  app.decorateRequest('user')
  app.decorate('verifyAccessToken', verifyAccessToken)
  app.decorate('authenticate', async function authenticate (request: FastifyRequest): Promise<void> {
    request.user = await verifyAccessToken(bearerTokenFrom(request.headers.authorization))
  })
  done()
}, { name: '@repo/auth', fastify: '5.x' })
