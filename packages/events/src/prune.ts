import { and, isNotNull, lt, sql } from 'drizzle-orm'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { DEFAULT_STREAM_MAX_AGE_MS } from './streams.js'
import type { EventTables } from './tables.js'

/**
 * Deletes outbox rows long since sent, and inbox ids older than anything JetStream could still
 * redeliver (twice the stream's age limit), so both tables stay small.
 */
export async function pruneEventTables (db: NodePgDatabase<Record<string, unknown>>, tables: EventTables, streamMaxAgeMs = DEFAULT_STREAM_MAX_AGE_MS): Promise<void> {
  const keepMs = 2 * streamMaxAgeMs
  await db.delete(tables.outbox).where(and(isNotNull(tables.outbox.sentAt), lt(tables.outbox.sentAt, sql`now() - ${keepMs} * interval '1 millisecond'`)))
  await db.delete(tables.inbox).where(lt(tables.inbox.receivedAt, sql`now() - ${keepMs} * interval '1 millisecond'`))
}
