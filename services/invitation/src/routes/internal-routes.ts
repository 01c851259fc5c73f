import { Type } from 'typebox'
import { requireRole } from '@repo/auth'
import type { ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { countApplicantInvites } from '../use-cases/count-applicant-invites.js'

const InviteCountQuery = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) })

/**
 * Service-to-service reads, outside `/api` so the gateway never exposes them (and, like every
 * `/internal/*` route, left out of the OpenAPI document). The caller forwards the admin's own access
 * token: the only caller is identity deleting an applicant on an admin's request, so no service
 * credential is needed.
 */
export function internalRoutes (app: ServiceApp, ctx: InvitationContext): void {
  app.get('/internal/applicants/invite-count', {
    onRequest: requireRole('admin'),
    schema: { querystring: InviteCountQuery, response: { 200: Type.Object({ count: Type.Integer({ minimum: 0 }) }) } }
  }, async (request) => {
    return { count: await countApplicantInvites(ctx, request.query.email) }
  })
}
