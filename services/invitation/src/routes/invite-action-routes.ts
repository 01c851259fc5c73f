import { requireRole } from '@repo/auth'
import type { ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { extendInvite } from '../use-cases/extend-invite.js'
import { revokeInvite } from '../use-cases/revoke-invite.js'
import { inviteView } from '../views.js'
import { ExtendInputSchema, InviteParams, TestInvite } from './schemas.js'

/** An admin's actions on one invite (not in the original): revoke it, or give its applicant extra time. */
export function inviteActionRoutes (app: ServiceApp, ctx: InvitationContext): void {
  const admin = requireRole('admin')

  app.post('/api/invites/:invite_id/revoke', {
    onRequest: admin,
    schema: { params: InviteParams, response: { 200: TestInvite } }
  }, async (request) => {
    return inviteView(await revokeInvite(ctx, request.params.invite_id, { traceId: request.id }))
  })

  app.post('/api/invites/:invite_id/extend', {
    onRequest: admin,
    schema: { params: InviteParams, body: ExtendInputSchema, response: { 200: TestInvite } }
  }, async (request) => {
    return inviteView(await extendInvite(ctx, request.params.invite_id, request.body.extra_minutes))
  })
}
