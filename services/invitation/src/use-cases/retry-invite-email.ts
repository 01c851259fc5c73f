import { sql } from 'drizzle-orm'
import { isUuid } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { findPinnedVersion } from '../db/invites.js'
import { findInvitesByIds, findMail, lockInviteMail, requeueMail } from '../db/mail-outbox.js'
import type { InviteStatus } from '../db/schema.js'
import { InviteNotFound, InviteNotMailable } from '../errors.js'
import { firstAttemptAt, inviteMailContent, queueInviteMail } from './deliver-invite-email.js'

const CLOSED: InviteStatus[] = ['revoked', 'expired', 'completed']

// Postgres: lock_timeout ran out.
const LOCK_NOT_AVAILABLE = '55P03'

/**
 * POST /invites/{id}/retry-email (API.md 2.3): the invite's mail is rendered again (the link is always
 * `FRONTEND_DOMAIN/test-invite/<token>`), queued as new with its attempts reset, and its first attempt
 * made at once; the answer waits for it at most MAIL_SEND_WAIT_MS overall (D14). Sent again through the
 * inviting admin's settings (else SMTP_URL), like the first time. Answers whether this attempt sent it;
 * an unfinished attempt goes on in the background (and the worker retries a failed one).
 */
export async function retryInviteEmail (ctx: InvitationContext, inviteId: string): Promise<boolean> {
  if (!isUuid(inviteId)) throw InviteNotFound()
  const waitMs = ctx.mail.config.sendWaitMs
  const deadline = Date.now() + waitMs
  let mailId: string
  try {
    mailId = await ctx.db.transaction(async (tx) => {
      const [invite] = await findInvitesByIds(tx, [inviteId])
      if (invite === undefined) throw InviteNotFound()
      if (CLOSED.includes(invite.status)) throw InviteNotMailable(`This invite is ${invite.status}, so no e-mail is sent for it`)
      const version = await findPinnedVersion(tx, invite)
      if (version === undefined) throw InviteNotFound()
      // An attempt under way holds the mail's lock; it is waited for only within the answer's bound.
      await tx.execute(sql`SELECT set_config('lock_timeout', ${`${Math.max(1, waitMs)}ms`}, true)`)
      const mail = await lockInviteMail(tx, invite.id)
      if (mail === undefined) return await queueInviteMail(ctx, tx, invite, version.title)
      await requeueMail(tx, mail.id, { recipient: invite.applicantEmail, senderAdminId: invite.invitedBy, ...inviteMailContent(ctx, invite, version.title) }, firstAttemptAt(ctx))
      return mail.id
    })
  } catch (error) {
    // Still being attempted after the whole bound: not sent as far as this answer can tell.
    const cause = (error as { cause?: unknown }).cause
    if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE || (cause as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE) return false
    throw error
  }
  await ctx.mail.sendFresh([mailId], Math.max(0, deadline - Date.now()))
  return (await findMail(ctx.db, mailId))?.status === 'sent'
}
