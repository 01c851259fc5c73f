import { Type } from 'typebox'
import { requireRole } from '@repo/auth'
import type { ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { createInvite } from '../use-cases/create-invite.js'
import { listInvites } from '../use-cases/list-invites.js'
import { retryInviteEmail } from '../use-cases/retry-invite-email.js'
import { inviteView } from '../views.js'
import { InviteInputSchema, InviteListQuerySchema, InviteParams, RetryEmailResponse, TestInvite } from './schemas.js'

/** The admin's /invites routes (API.md 2.3), behind `get_admin_user` ("Not enough permissions"). */
export function inviteRoutes (app: ServiceApp, ctx: InvitationContext): void {
  const admin = requireRole('admin')

  app.post('/api/invites', { onRequest: admin, schema: { body: InviteInputSchema, response: { 200: TestInvite } } }, async (request) => {
    const body = request.body
    const invite = await createInvite(ctx, request.user.id, {
      testId: body.test_id,
      applicantEmail: body.applicant_email,
      applicantName: body.applicant_name,
      scheduledDate: body.scheduled_date === undefined || body.scheduled_date === null ? null : new Date(body.scheduled_date),
      adminScheduled: body.admin_scheduled,
      noSchedule: body.no_schedule
    }, { traceId: request.id, authorization: request.headers.authorization ?? '' })
    return inviteView(invite)
  })

  app.get('/api/invites', { onRequest: admin, schema: { querystring: InviteListQuerySchema, response: { 200: Type.Array(TestInvite) } } }, async (request) => {
    return (await listInvites(ctx, request.query)).map(inviteView)
  })

  app.post('/api/invites/:invite_id/retry-email', {
    onRequest: admin,
    schema: { params: InviteParams, response: { 200: RetryEmailResponse } }
  }, async (request) => {
    const sent = await retryInviteEmail(ctx, request.params.invite_id)
    return sent ? { message: 'Email sent successfully', email_sent: true } : { message: 'Failed to send email', email_sent: false }
  })
}
