import { randomUUID } from 'node:crypto'
import type { InvitationContext } from '../context.js'
import { claimExpiredInvites, markExpired, type InviteRow } from '../db/invites.js'
import { publishStatus } from './publish-status.js'

const DAY_MS = 86_400_000
const BATCH = 100

/** When the take-test window of a slot closes: the last moment the test can be started (API.md rule 5). */
export function slotClosesAt (ctx: Pick<InvitationContext, 'takeTestWindowMinutes'>, scheduledDate: Date): Date {
  return new Date(scheduledDate.getTime() + ctx.takeTestWindowMinutes * 60_000)
}

/**
 * When a new unstarted invite expires: `inviteExpiryDays` after it was made, or when the window of its
 * slot closes if that is later, so that a slot is never expired before it comes.
 */
export function expiryOf (ctx: Pick<InvitationContext, 'inviteExpiryDays' | 'takeTestWindowMinutes'>, createdAt: Date, scheduledDate: Date | null): Date {
  const expiry = createdAt.getTime() + ctx.inviteExpiryDays * DAY_MS
  return new Date(Math.max(expiry, scheduledDate === null ? 0 : slotClosesAt(ctx, scheduledDate).getTime()))
}

/**
 * Whether an invite can no longer be opened, started or scheduled because its time ran out: marked
 * `expired`, or unstarted with `expires_at` passed and not yet marked by the job (which runs only every
 * EXPIRY_INTERVAL_MS). A started invite never expires; its deadline rules it (D11).
 */
export function hasExpired (invite: InviteRow, now: Date): boolean {
  if (invite.status === 'expired') return true
  return (invite.status === 'sent' || invite.status === 'scheduled') && invite.expiresAt.getTime() <= now.getTime()
}

/**
 * Marks `expired` the unstarted invites whose `expires_at` has passed, each with its status event in the
 * same transaction. Each batch is claimed with FOR UPDATE SKIP LOCKED, so replicas running this at once
 * never expire (or publish) one invite twice, and a start or schedule holding the row lock goes first.
 * Returns how many were expired.
 */
export async function expireDue (ctx: InvitationContext): Promise<number> {
  let total = 0
  for (;;) {
    const expired = await ctx.db.transaction(async (tx) => {
      const now = new Date()
      const due = await claimExpiredInvites(tx, now, BATCH)
      await markExpired(tx, due.map((invite) => invite.id))
      for (const invite of due) {
        await publishStatus(ctx, tx, { ...invite, status: 'expired' }, invite.status, now, { traceId: randomUUID() })
      }
      return due.length
    })
    if (expired > 0) ctx.log.info({ expired }, 'expired unstarted invites past their expiry')
    total += expired
    if (expired < BATCH) return total
  }
}
