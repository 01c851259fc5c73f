import { sql } from 'drizzle-orm'
import { bigint, bigserial, index, integer, jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core'

/**
 * The event tables every service keeps in its own schema. A service spreads them into its drizzle
 * schema (`export const { outbox, inbox, deadLetters } = eventTables(identity)`) so drizzle-kit
 * generates them with its migrations.
 */
export function eventTables (schema: PgSchema) {
  /** Events committed with a state change, waiting for the relay to publish them (transactional outbox). */
  const outbox = schema.table('outbox', {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    subject: text('subject').notNull(),
    envelope: jsonb('envelope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error')
  }, (table) => [index('outbox_unsent_idx').on(table.seq).where(sql`${table.sentAt} IS NULL`)])

  /** Ids of events whose effect is committed, per consumer: a redelivered event is skipped. */
  const inbox = schema.table('inbox', {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
  }, (table) => [primaryKey({ columns: [table.consumer, table.eventId] }), index('inbox_received_at_idx').on(table.receivedAt)])

  /** Messages a consumer could not use (malformed, or failing after every retry), kept for inspection. */
  const deadLetters = schema.table('dead_letters', {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consumer: text('consumer').notNull(),
    subject: text('subject').notNull(),
    streamSequence: bigint('stream_sequence', { mode: 'number' }),
    deliveries: integer('deliveries').notNull(),
    payload: text('payload').notNull(),
    headers: jsonb('headers'),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  })

  return { outbox, inbox, deadLetters }
}

export type EventTables = ReturnType<typeof eventTables>
