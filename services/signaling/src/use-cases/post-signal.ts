import { and, eq, ne, sql } from 'drizzle-orm'
import { catalog } from '@repo/events'
import type { SignalingContext, RequestMeta } from '../context.js'
import type { SignalingTx } from '../db/database.js'
import { sessions, signals } from '../db/schema.js'
import type { Side } from './authorize-side.js'

export type SignalType = 'offer' | 'answer' | 'ice_candidate'

/**
 * Marks an invite's session connected (an answer went through, by the mailbox or a room) and, when it
 * was not connected already, publishes `signaling.session.connected.v1` in the same transaction, so
 * grading sets `is_monitored` (API.md rule 9). Unlike the original (a no-op without a session row), an
 * answer with no session yet creates it, so the monitoring fact is never lost. Replicas racing on the
 * same answer publish once: only the statement that changes the row publishes.
 */
export async function markConnected (tx: SignalingTx, ctx: Pick<SignalingContext, 'publish'>, inviteId: string, answerId: string | null, meta?: RequestMeta): Promise<boolean> {
  const now = new Date()
  const changed = await tx.insert(sessions)
    .values({ inviteId, status: 'connected', answerId, createdAt: now })
    .onConflictDoUpdate({
      target: sessions.inviteId,
      set: { status: 'connected', answerId: sql`coalesce(excluded.answer_id, ${sessions.answerId})`, endedAt: null },
      setWhere: ne(sessions.status, 'connected')
    })
    .returning({ inviteId: sessions.inviteId })
  if (changed.length === 0) {
    if (answerId !== null) await tx.update(sessions).set({ answerId }).where(eq(sessions.inviteId, inviteId))
    return false
  }
  await ctx.publish(tx, catalog.signaling.SessionConnectedV1, { inviteId, connectedAt: now.toISOString() }, meta === undefined ? {} : { traceId: meta.traceId })
  return true
}

/**
 * POST /webrtc/offer, /answer, /ice-candidate (API.md 2.8 with D15): stores the whole body as the
 * signal's data with its sender, and moves the session: an offer (re)starts negotiation (`offer_sent`),
 * an answer connects it. Answers the new signal's id.
 */
export async function postSignal (ctx: SignalingContext, input: { inviteId: string, type: SignalType, sender: Side, data: Record<string, unknown> }, meta: RequestMeta): Promise<string> {
  return await ctx.db.transaction(async (tx) => {
    const [signal] = await tx.insert(signals)
      .values({ inviteId: input.inviteId, type: input.type, sender: input.sender, data: input.data })
      .returning({ id: signals.id })
    if (signal === undefined) throw new Error('signal insert returned nothing')
    if (input.type === 'offer') {
      const now = new Date()
      await tx.insert(sessions)
        .values({ inviteId: input.inviteId, status: 'offer_sent', offerId: signal.id, createdAt: now })
        .onConflictDoUpdate({ target: sessions.inviteId, set: { status: 'offer_sent', offerId: signal.id, answerId: null, createdAt: now, endedAt: null } })
    } else if (input.type === 'answer') {
      await markConnected(tx, ctx, input.inviteId, signal.id, meta)
    }
    return signal.id
  })
}

export type SignalView = { id: string, type: SignalType, data: unknown, created_at: string, from: Side }

/**
 * GET /webrtc/signals/{invite_id}: what the other side sent, oldest first, after the signal `since`
 * when given (a `since` that is not one of this invite's signals, e.g. one already cleaned up, reads
 * from the start), with the session's status (`not_started` without a session).
 */
export async function listSignals (ctx: SignalingContext, input: { inviteId: string, reader: Side, since?: string | undefined }): Promise<{ signals: SignalView[], session_status: string, session_created_at: string | null }> {
  const other: Side = input.reader === 'admin' ? 'applicant' : 'admin'
  let afterSeq = 0
  if (input.since !== undefined) {
    const [cursor] = await ctx.db.select({ seq: signals.seq }).from(signals)
      .where(and(eq(signals.id, input.since.toLowerCase()), eq(signals.inviteId, input.inviteId)))
    afterSeq = cursor?.seq ?? 0
  }
  const rows = await ctx.db.select().from(signals)
    .where(and(eq(signals.inviteId, input.inviteId), eq(signals.sender, other), sql`${signals.seq} > ${afterSeq}`))
    .orderBy(signals.seq)
  const session = await ctx.db.query.sessions.findFirst({ where: eq(sessions.inviteId, input.inviteId) })
  return {
    signals: rows.map((row) => ({ id: row.id, type: row.type, data: row.data, created_at: row.createdAt.toISOString(), from: row.sender })),
    session_status: session?.status ?? 'not_started',
    session_created_at: session?.createdAt.toISOString() ?? null
  }
}
