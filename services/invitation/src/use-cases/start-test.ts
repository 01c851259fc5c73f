import type { InvitationContext, RequestMeta } from '../context.js'
import { findInviteByToken, findPinnedVersion, lockInviteByToken } from '../db/invites.js'
import { findOldestOpenInviteId, hasOtherInProgress, lockApplicant, markStarted } from '../db/sessions.js'
import type { InviteStatus } from '../db/schema.js'
import { InviteTokenNotFound, OtherTestInProgress, TestNotFound, TestNotStartable } from '../errors.js'
import { isInviteToken } from '../tokens.js'
import { hasExpired } from './invite-expiry.js'
import { publishStarted } from './publish-started.js'
import { publishStatus } from './publish-status.js'
import { checkWindow } from './session-clock.js'

const NOT_STARTABLE_DETAIL: Partial<Record<InviteStatus, string>> = {
  completed: 'The test has already been completed and cannot be started again',
  expired: 'This invite has expired and the test can no longer be started',
  revoked: 'This invite has been revoked and the test can no longer be started'
}

/**
 * POST /start-test (D10): sent or scheduled (inside the window) to in_progress, with the original's
 * one-test-at-a-time rule. A repeat on in_progress is a no-op, so the clock is never reset. The
 * applicant's lock, then the invite's row lock, make concurrent starts safe.
 */
export async function startTest (ctx: InvitationContext, token: string, meta: RequestMeta): Promise<void> {
  const notFound = () => InviteTokenNotFound('Invalid test token')
  if (!isInviteToken(token)) throw notFound()
  const seen = await findInviteByToken(ctx.db, token)
  if (seen === undefined) throw notFound()
  await ctx.db.transaction(async (tx) => {
    await lockApplicant(tx, seen.applicantEmail)
    const invite = await lockInviteByToken(tx, token)
    if (invite === undefined) throw notFound()
    if (invite.status === 'in_progress') return
    if (invite.status !== 'sent' && invite.status !== 'scheduled') throw TestNotStartable(NOT_STARTABLE_DETAIL[invite.status])
    const now = new Date()
    // Past `expires_at` it is expired, also before the expiry job has marked it.
    if (hasExpired(invite, now)) throw TestNotStartable(NOT_STARTABLE_DETAIL.expired)
    checkWindow(ctx, invite, now)
    if (await hasOtherInProgress(tx, invite) && await findOldestOpenInviteId(tx, invite.applicantEmail) !== invite.id) {
      throw OtherTestInProgress()
    }
    const version = await findPinnedVersion(tx, invite)
    if (version === undefined) throw TestNotFound()
    await markStarted(tx, invite.id, now)
    const started = { ...invite, status: 'in_progress' as const, startedAt: now }
    await publishStatus(ctx, tx, started, invite.status, now, meta)
    await publishStarted(ctx, tx, started, version, meta)
  })
}
