import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuthHook } from './auth-plugin.js'
import type { AuthUser, Role } from './auth-user.js'
import { Forbidden } from './errors.js'

/**
 * Hook factory: lets the request through only for these roles (403 "Not enough permissions" for any
 * other valid token). It authenticates first when `app.authenticate` has not run yet, so a route
 * guarded by `requireRole('admin')` alone can never be reached without a token.
 */
export function requireRole (...allowed: Role[]): AuthHook {
  return requireRoleWith({ roles: allowed })
}

/**
 * requireRole with the 403 `detail` of the original route: its admin routes answer "Not enough
 * permissions" or "Admin access required" (API.md section 1), and clients show that text.
 */
export function requireRoleWith (options: { roles: Role[], detail?: string }): AuthHook {
  const allowed = options.roles
  if (allowed.length === 0) throw new Error('@repo/auth: requireRole needs at least one role')
  return async function requireRoleHook (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // The decorator starts undefined at run time even though its type says a user is always there.
    if ((request.user as AuthUser | undefined) === undefined) await request.server.authenticate(request, reply)
    if (!allowed.includes(request.user.role)) throw Forbidden(options.detail)
  }
}
