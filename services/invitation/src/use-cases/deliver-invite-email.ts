import type { FastifyBaseLogger } from 'fastify'
import type { InvitationContext } from '../context.js'
import type { InvitationTx } from '../db/database.js'
import type { InviteRow } from '../db/invites.js'
import { insertMail } from '../db/mail-outbox.js'
import { renderInviteEmail, type RenderedMail } from '../mail/invite-email.js'

/** `email_error` of an invite whose mail could not go out because no SMTP server is configured (D14). */
export const EMAIL_NOT_CONFIGURED = 'E-mail delivery is not configured'

/** The invite's mail as it is sent now: the link always is `FRONTEND_DOMAIN/test-invite/<token>` (API.md section 5). */
export function inviteMailContent (ctx: Pick<InvitationContext, 'frontendDomain'>, invite: InviteRow, testTitle: string): RenderedMail {
  return renderInviteEmail({
    applicantName: invite.applicantName,
    testTitle,
    link: `${ctx.frontendDomain}/test-invite/${invite.inviteToken}`,
    adminScheduled: invite.adminScheduled,
    noSchedule: invite.noSchedule,
    scheduledDate: invite.scheduledDate
  })
}

/**
 * Queues the invite's mail in the invite's own transaction (D14), so an invite never exists without
 * its mail nor a mail without its invite. Its first attempt is reserved for the request that made it
 * (it starts right after the commit); the worker takes it only if that never happens (a crash).
 */
export async function queueInviteMail (ctx: InvitationContext, tx: InvitationTx, invite: InviteRow, testTitle: string): Promise<string> {
  const mail = await insertMail(tx, {
    inviteId: invite.id,
    kind: 'invite',
    senderAdminId: invite.invitedBy,
    recipient: invite.applicantEmail,
    ...inviteMailContent(ctx, invite, testTitle),
    nextAttemptAt: firstAttemptAt(ctx)
  })
  return mail.id
}

/** When the worker may take a freshly queued mail whose first attempt the request did not make. */
export function firstAttemptAt (ctx: Pick<InvitationContext, 'mail'>): Date {
  return new Date(Date.now() + ctx.mail.config.sendWaitMs + 1000)
}

/**
 * Tells the operator where the invite link points, as D14 asks when no SMTP is configured. The token is
 * the applicant's credential, so the log names the invite id instead; the admin can read the token from
 * GET /api/invites.
 */
export function logUndeliveredInvite (log: FastifyBaseLogger, frontendDomain: string, inviteId: string): void {
  log.info({ inviteId, link: `${frontendDomain}/test-invite/<token of invite ${inviteId}>` }, 'invite e-mail not sent: e-mail delivery is not configured')
}
