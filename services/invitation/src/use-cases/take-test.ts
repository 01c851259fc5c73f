import type { InvitationContext } from '../context.js'
import { findInviteByToken, findPinnedVersion, type InviteRow } from '../db/invites.js'
import { listSavedAnswers, type SavedAnswerRow } from '../db/sessions.js'
import type { InviteStatus } from '../db/schema.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { TestNotFound, TestSessionNotFound } from '../errors.js'
import { isInviteToken } from '../tokens.js'
import { hasExpired } from './invite-expiry.js'
import { checkWindow, deadlineOf } from './session-clock.js'

const TAKEABLE: InviteStatus[] = ['sent', 'scheduled', 'in_progress']

export type TakeTest = {
  invite: InviteRow
  version: TestVersionRow
  /** Set once started: the deadline, the whole seconds left (never negative) and the autosaved answers. */
  session: { deadline: Date, remainingSeconds: number, savedAnswers: SavedAnswerRow[] } | null
}

/** GET /take-test (API.md 2.4, D11): the test to take, inside the window, with the server's clock once started. */
export async function takeTest (ctx: InvitationContext, token: string): Promise<TakeTest> {
  if (!isInviteToken(token)) throw TestSessionNotFound()
  const invite = await findInviteByToken(ctx.db, token)
  const now = new Date()
  // Expired also when the expiry job has not marked it yet.
  if (invite === undefined || !TAKEABLE.includes(invite.status) || hasExpired(invite, now)) throw TestSessionNotFound()
  checkWindow(ctx, invite, now)
  const version = await findPinnedVersion(ctx.db, invite)
  if (version === undefined) throw TestNotFound()
  const deadline = invite.status === 'in_progress' ? deadlineOf(invite, version) : null
  if (deadline === null) return { invite, version, session: null }
  return {
    invite,
    version,
    session: {
      deadline,
      remainingSeconds: Math.max(0, Math.floor((deadline.getTime() - now.getTime()) / 1000)),
      savedAnswers: await listSavedAnswers(ctx.db, invite.id)
    }
  }
}
