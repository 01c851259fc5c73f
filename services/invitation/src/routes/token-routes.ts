import { Type } from 'typebox'
import type { ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { getInviteByToken } from '../use-cases/get-invite-by-token.js'
import { scheduleInvite } from '../use-cases/schedule-invite.js'
import { applicantTestView, publicInviteView } from '../views.js'
import { ApplicantTest, Message, ScheduleInputSchema, TestInvite, TokenParams } from './schemas.js'

/** The public by-token routes (API.md 2.3): the invite token is the applicant's credential. */
export function tokenRoutes (app: ServiceApp, ctx: InvitationContext): void {
  app.get('/api/invites/token/:token', {
    schema: { params: TokenParams, response: { 200: Type.Object({ invite: TestInvite, test: ApplicantTest }) } }
  }, async (request) => {
    const { invite, version } = await getInviteByToken(ctx, request.params.token)
    return { invite: publicInviteView(invite), test: applicantTestView(version) }
  })

  app.post('/api/invites/token/:token/schedule', {
    schema: { params: TokenParams, body: ScheduleInputSchema, response: { 200: Message } }
  }, async (request) => {
    await scheduleInvite(ctx, request.params.token, new Date(request.body.scheduled_date), { traceId: request.id })
    return { message: 'Test scheduled successfully' }
  })
}
