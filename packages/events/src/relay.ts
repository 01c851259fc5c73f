import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { StringCodec, headers as natsHeaders } from 'nats'
import type pg from 'pg'
import { listenOnChannel, type ChannelListener } from '@repo/db'
import type { Envelope } from './envelope.js'
import type { NatsLink } from './nats-link.js'
import type { Naming } from './naming.js'
import { outboxChannel } from './outbox.js'
import type { EventTables } from './tables.js'

type Log = { debug: (obj: object, msg: string) => void, info: (obj: object, msg: string) => void, warn: (obj: object, msg: string) => void, error: (obj: object, msg: string) => void }

export type RelayOptions = {
  db: NodePgDatabase<Record<string, unknown>>
  /** For the LISTEN connection, kept out of the transaction path. */
  pool: pg.Pool
  tables: EventTables
  schemaName: string
  link: NatsLink
  names: Naming
  log: Log
  batchSize?: number
  /** A safety net only: commits wake the relay through NOTIFY at once. */
  pollIntervalMs?: number
  publishTimeoutMs?: number
}

const codec = StringCodec()
const MAX_ROW_BACKOFF_MS = 10_000

/**
 * Publishes committed outbox rows to JetStream, oldest first, with the event id as message id so a
 * re-publish after a crash is dropped by the stream's duplicate window. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several replicas share the work. While NATS is away the rows just wait;
 * the relay resumes on reconnect.
 */
export class OutboxRelay {
  readonly #options: Required<Omit<RelayOptions, 'log'>> & { log: Log }
  readonly #outbox
  #wanted = false
  #loop: Promise<void> | undefined
  #stopped = false
  #timer: NodeJS.Timeout | undefined
  readonly #listener: ChannelListener
  #unsubscribe: (() => void) | undefined

  constructor (options: RelayOptions) {
    this.#options = { batchSize: 100, pollIntervalMs: 5000, publishTimeoutMs: 3000, ...options }
    this.#outbox = options.tables.outbox
    this.#listener = listenOnChannel({
      pool: options.pool,
      channel: outboxChannel(options.schemaName),
      onNotification: () => { this.kick() },
      onListening: () => { this.kick() }, // rows committed while nobody listened
      log: options.log,
      what: 'outbox listener'
    })
  }

  start (): void {
    this.#timer = setInterval(() => this.kick(), this.#options.pollIntervalMs)
    this.#unsubscribe = this.#options.link.onReconnect(() => { void this.#retryNow() })
    this.#listener.start()
    this.kick()
  }

  /** Asks for a pass over the outbox; passes never overlap. */
  kick (): void {
    this.#wanted = true
    if (this.#loop === undefined && !this.#stopped) this.#loop = this.#drain().finally(() => { this.#loop = undefined })
  }

  /** Stops after the batch in flight is published and recorded. */
  async stop (): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    this.#unsubscribe?.()
    await this.#loop
    await this.#listener.stop()
  }

  async #drain (): Promise<void> {
    while (this.#wanted && !this.#stopped) {
      this.#wanted = false
      if (!this.#options.link.isConnected) return // onReconnect kicks us again
      try {
        const full = await this.#publishBatch()
        if (full) this.#wanted = true
      } catch (error) {
        // The database is away: the poll timer tries again.
        this.#options.log.warn({ err: error }, 'outbox pass failed')
        return
      }
    }
  }

  async #publishBatch (): Promise<boolean> {
    const { db, link, names, batchSize, publishTimeoutMs, log } = this.#options
    const outbox = this.#outbox
    const connection = await link.connection()
    const js = connection.jetstream({ timeout: publishTimeoutMs })
    return await db.transaction(async (tx) => {
      const rows = await tx.select({ seq: outbox.seq, id: outbox.id, subject: outbox.subject, envelope: outbox.envelope, attempts: outbox.attempts })
        .from(outbox)
        .where(and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, sql`now()`)))
        .orderBy(asc(outbox.seq))
        .limit(batchSize)
        .for('update', { skipLocked: true })
      if (rows.length === 0) return false
      // One connection delivers publishes in order, so the stream keeps outbox order without waiting for each ack.
      const results = await Promise.allSettled(rows.map(async (row) => {
        const envelope = row.envelope as Envelope
        const messageHeaders = natsHeaders()
        if (envelope.traceId !== undefined) messageHeaders.set('x-request-id', envelope.traceId)
        return await js.publish(names.subject(row.subject), codec.encode(JSON.stringify(envelope)), { msgID: row.id, headers: messageHeaders, timeout: publishTimeoutMs })
      }))
      const sent = rows.filter((_row, index) => results[index]?.status === 'fulfilled').map((row) => row.seq)
      if (sent.length > 0) await tx.update(outbox).set({ sentAt: sql`now()` }).where(inArray(outbox.seq, sent))
      for (const [index, result] of results.entries()) {
        const row = rows[index]
        if (result.status === 'fulfilled' || row === undefined) continue
        const reason = result.reason instanceof Error ? result.reason.message : String(result.reason)
        const delayMs = Math.min(100 * 2 ** row.attempts, MAX_ROW_BACKOFF_MS)
        log.warn({ eventId: row.id, subject: row.subject, attempts: row.attempts + 1, reason }, 'publish failed, will retry')
        await tx.update(outbox)
          .set({ attempts: row.attempts + 1, lastError: reason, nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'` })
          .where(eq(outbox.seq, row.seq))
      }
      if (sent.length > 0) log.debug({ count: sent.length }, 'events published')
      return rows.length === batchSize && sent.length === rows.length
    })
  }

  /** After a reconnect, rows that failed during the outage go out now instead of after their backoff. */
  async #retryNow (): Promise<void> {
    const outbox = this.#outbox
    try {
      await this.#options.db.update(outbox).set({ nextAttemptAt: sql`now()` }).where(and(isNull(outbox.sentAt), gt(outbox.attempts, 0)))
    } catch (error) {
      this.#options.log.warn({ err: error }, 'could not reset outbox backoff')
    }
    this.kick()
  }
}
