import type { InvitationContext } from '../context.js'
import type { InviteRow } from '../db/invites.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { OutsideTestWindow } from '../errors.js'

/** Deadline = started_at + duration + the invite's extra time (D11); null before the start. */
export function deadlineOf (invite: InviteRow, version: TestVersionRow): Date | null {
  if (invite.startedAt === null) return null
  return new Date(invite.startedAt.getTime() + (version.durationMinutes + invite.extraMinutes) * 60_000)
}

/** Whether a submit or autosave at `now` comes later than the deadline plus the grace period. */
export function isPastGrace (ctx: InvitationContext, invite: InviteRow, version: TestVersionRow, now: Date): boolean {
  const deadline = deadlineOf(invite, version)
  return deadline !== null && now.getTime() > deadline.getTime() + ctx.submitGraceSeconds * 1000
}

/**
 * A scheduled test is opened and started only within the window around its slot (API.md rule 5); once in
 * progress it can always be re-opened. The server's clock decides.
 */
export function checkWindow (ctx: InvitationContext, invite: InviteRow, now: Date): void {
  if (invite.scheduledDate === null || invite.status === 'in_progress') return
  if (Math.abs(now.getTime() - invite.scheduledDate.getTime()) > ctx.takeTestWindowMinutes * 60_000) {
    throw OutsideTestWindow(`Test can only be taken within ${ctx.takeTestWindowMinutes} minutes of scheduled time`)
  }
}
