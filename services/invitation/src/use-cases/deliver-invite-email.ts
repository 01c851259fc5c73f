import type { InvitationContext } from '../context.js'
import type { InviteRow } from '../db/invites.js'

/** What an invite records about its e-mail. */
export type EmailOutcome = { emailSent: boolean, emailSentAt: Date | null, emailError: string | null }

export const EMAIL_NOT_CONFIGURED = 'E-mail delivery is not configured'

/**
 * The outcome recorded on a new invite. E-mail delivery (SMTP, the mail outbox with retries, D14)
 * comes in the next part of issue 5; until then no mail is sent and the response says so truthfully.
 */
export function pendingEmailOutcome (): EmailOutcome {
  return { emailSent: false, emailSentAt: null, emailError: EMAIL_NOT_CONFIGURED }
}

/**
 * Tells the operator where the invite link points, as D14 asks when no SMTP is configured. The token is
 * the applicant's credential, so the log names the invite id instead; the admin can read the token from
 * GET /api/invites.
 */
export function logUndeliveredInvite (ctx: InvitationContext, invite: InviteRow): void {
  ctx.log.info({ inviteId: invite.id, link: `${ctx.frontendDomain}/test-invite/<token of invite ${invite.id}>` }, 'invite e-mail not sent: e-mail delivery is not configured')
}
