import { and, eq, inArray, lt, ne } from 'drizzle-orm'
import type { SignalingContext } from '../context.js'
import type { SignalingQueryable } from '../db/database.js'
import { sessions, signals } from '../db/schema.js'

/** POST /webrtc/start-session/{invite_id}: (re)starts the invite's session as `initializing` (API.md 2.8). */
export async function startSession (ctx: SignalingContext, inviteId: string): Promise<void> {
  const now = new Date()
  await ctx.db.insert(sessions)
    .values({ inviteId, status: 'initializing', createdAt: now })
    .onConflictDoUpdate({ target: sessions.inviteId, set: { status: 'initializing', offerId: null, answerId: null, createdAt: now, endedAt: null } })
}

/**
 * POST /webrtc/end-session/{invite_id}: ends the session (a no-op without one) and, as the original
 * does, deletes this invite's signals older than the retention; the cleanup job removes the rest once
 * the session has been over for that long.
 */
export async function endSession (ctx: SignalingContext, inviteId: string, retentionMs: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ status: 'ended', endedAt: new Date() }).where(eq(sessions.inviteId, inviteId))
    await tx.delete(signals).where(and(eq(signals.inviteId, inviteId), lt(signals.createdAt, new Date(Date.now() - retentionMs))))
  })
}

/**
 * An anonymous end-session on a submitted invite (the original test page sends it right after the
 * submit, without credentials): ends the session if it is still open, and changes nothing else, so the
 * call is an idempotent no-op once the session is over (its `ended_at` stays; its signals are left to
 * the cleanup job).
 */
export async function endOpenSession (ctx: SignalingContext, inviteId: string): Promise<void> {
  await ctx.db.update(sessions).set({ status: 'ended', endedAt: new Date() }).where(and(eq(sessions.inviteId, inviteId), ne(sessions.status, 'ended')))
}

/**
 * The cleanup job: deletes every signal of sessions that ended more than `retentionMs` ago. Idempotent,
 * so replicas running it at once only repeat a delete. Answers how many signals went.
 */
export async function pruneEndedSignals (db: SignalingQueryable, retentionMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionMs)
  const ended = db.select({ inviteId: sessions.inviteId }).from(sessions)
    .where(and(eq(sessions.status, 'ended'), lt(sessions.endedAt, cutoff)))
  const deleted = await db.delete(signals).where(inArray(signals.inviteId, ended)).returning({ id: signals.id })
  return deleted.length
}
