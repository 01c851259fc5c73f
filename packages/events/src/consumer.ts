import { setTimeout as sleep } from 'node:timers/promises'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JsMsg } from 'nats'
import { Compile } from 'typebox/compile'
import { isConflictError, isTransientError } from '@repo/kit'
import type { EventData, EventDefinition } from './define-event.js'
import { EnvelopeSchema, type Event } from './envelope.js'
import type { NatsLink } from './nats-link.js'
import type { Naming } from './naming.js'
import type { Executor } from './outbox.js'
import { ensureStream, type StreamOptions } from './streams.js'
import type { EventTables } from './tables.js'

export type Log = {
  debug: (obj: object, msg: string) => void
  info: (obj: object, msg: string) => void
  warn: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
  child: (bindings: Record<string, unknown>) => Log
}

export type HandlerContext = {
  /** The transaction the inbox entry is written in: write the effect with it, so both commit or neither. */
  tx: Executor
  log: Log
  /** The request id that started this chain; pass it on to events published here. */
  traceId: string | undefined
  /** 1 on first delivery. */
  deliveries: number
}

export type EventHandler<TDefinition extends EventDefinition> = (event: Event<EventData<TDefinition>>, context: HandlerContext) => Promise<void>

export type SubscriptionOptions = {
  /**
   * Batches handled at once, each in a transaction of its own (default 1: one after another, in the
   * order of the stream). More overlaps the waits on the database, for a stream whose events are
   * independent of each other's order and whose handler is idempotent on its own key: a slow round
   * trip then delays one batch, not everything behind it.
   */
  concurrency?: number
}

export type Subscription<TDefinition extends EventDefinition = EventDefinition> = SubscriptionOptions & {
  definition: TDefinition
  handler: EventHandler<TDefinition>
}

/** Pairs an event definition with its handler, keeping the handler's payload type exact. */
export function subscribe<TDefinition extends EventDefinition> (definition: TDefinition, handler: EventHandler<TDefinition>, options: SubscriptionOptions = {}): Subscription {
  return { definition, handler, ...options }
}

export type ConsumerOptions = {
  /** The consuming service; with the subject it names the durable consumer its replicas share. */
  service: string
  subscription: Subscription
  db: NodePgDatabase<Record<string, unknown>>
  tables: EventTables
  link: NatsLink
  names: Naming
  log: Log
  /** How long a delivery may stay unacknowledged before JetStream sends it again (a dead consumer). */
  ackWaitMs?: number
  /** Deliveries before a failing message is parked in dead_letters instead of retried. */
  maxDeliveries?: number
  streamOptions?: StreamOptions
}

const envelopeValidator = Compile(EnvelopeSchema)
// Messages handled in one transaction at most; also how many the client pulls ahead.
const MAX_BATCH = 64
// Runs of a transaction that Postgres aborted for a conflict (a deadlock between two batches that touch
// the same rows in different orders): the other transaction has gone on, so running again succeeds.
const CONFLICT_ATTEMPTS = 3

type Accepted = {
  message: JsMsg
  envelope: Event<unknown>
  traceId: string | undefined
  deliveries: number
  log: Log
  outcome: 'pending' | 'handled' | 'duplicate' | 'failed'
  error?: unknown
}

/**
 * One durable pull consumer: explicit acks, the inbox for exactly-once effects, bounded retries with
 * backoff, and parking (dead_letters + term) for messages that can never succeed, so one bad message
 * never blocks the ones behind it. Replicas of a service share the durable, and so the work.
 */
export class DurableConsumer {
  readonly #options: ConsumerOptions & { ackWaitMs: number, maxDeliveries: number }
  readonly durableName: string
  #messages: ConsumerMessages | undefined
  #loop: Promise<void> | undefined
  #stopping = false
  readonly #buffer: JsMsg[] = []
  #wake: (() => void) | undefined

  constructor (options: ConsumerOptions) {
    this.#options = { ackWaitMs: 30_000, maxDeliveries: 5, ...options }
    this.durableName = options.names.durableName(options.service, options.subscription.definition.subject)
  }

  /** Binds to the stream (creating stream and consumer when missing) and starts handling; retries until it can. */
  start (): void {
    this.#loop = this.#run()
  }

  /** Stops fetching, lets the batch in hand finish (commit and ack), hands back the rest, then returns. */
  async stop (): Promise<void> {
    this.#stopping = true
    await this.#messages?.close()
    this.#wake?.()
    await this.#loop
  }

  async #run (): Promise<void> {
    const { log } = this.#options
    while (!this.#stopping) {
      try {
        const messages = await this.#bind()
        this.#messages = messages
        log.info({ durable: this.durableName }, 'consuming')
        const subscription = { ended: false }
        const closed = messages.closed().finally(() => { subscription.ended = true })
        await this.#handleUntilEnded(subscription, closed)
      } catch (error) {
        if (!this.#stopping) {
          log.warn({ err: error, durable: this.durableName }, 'consumer stopped, binding again')
          await sleep(1000)
        }
      }
    }
    // Received but not started: give them back now rather than after the ack wait.
    for (const message of this.#buffer.splice(0)) message.nak()
  }

  /** Hands what arrives to #handleBatch, up to `concurrency` batches at once, until stopped or unsubscribed. */
  async #handleUntilEnded (subscription: { ended: boolean }, closed: Promise<unknown>): Promise<void> {
    const limit = Math.max(1, this.#options.subscription.concurrency ?? 1)
    // Smaller batches when several run at once, so a backlog is spread over all of them.
    const batchSize = Math.max(1, Math.floor(MAX_BATCH / limit))
    const inFlight = new Set<Promise<void>>()
    const failure: { error?: unknown } = {}
    try {
      for (;;) {
        // Set by the subscription's end, stop() and a failing batch, all from outside this loop.
        if (this.#stopping || subscription.ended || 'error' in failure) break
        if (this.#buffer.length === 0 || inFlight.size >= limit) {
          await Promise.race([new Promise<void>((resolve) => { this.#wake = resolve }), closed, ...inFlight])
          this.#wake = undefined
          continue
        }
        const batch: Promise<void> = this.#handleBatch(this.#buffer.splice(0, batchSize))
          .catch((error: unknown) => { failure.error = error })
          .finally(() => { inFlight.delete(batch) })
        inFlight.add(batch)
      }
    } finally {
      // The batches in hand finish (commit and ack) before the consumer binds again or stops.
      await Promise.all(inFlight)
    }
    if ('error' in failure) throw failure.error
  }

  async #bind (): Promise<ConsumerMessages> {
    const { link, names, subscription, ackWaitMs, streamOptions } = this.#options
    const connection = await link.connection()
    const jsm = await connection.jetstreamManager()
    const stream = await ensureStream(jsm, names, subscription.definition.producer, streamOptions)
    const config = {
      durable_name: this.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: names.subject(subscription.definition.subject),
      ack_wait: nanos(ackWaitMs),
      // Retries are bounded here, not by JetStream's max_deliver, so the last failure can be parked.
      max_deliver: -1,
      max_ack_pending: 1000
    }
    try {
      await jsm.consumers.add(stream, config)
    } catch (error) {
      if (!/already exists|already in use/i.test(String(error))) throw error
      await jsm.consumers.update(stream, this.durableName, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending })
    }
    const consumer = await connection.jetstream().consumers.get(stream, this.durableName)
    return await consumer.consume({
      max_messages: MAX_BATCH,
      callback: (message) => {
        this.#buffer.push(message)
        this.#wake?.()
      }
    })
  }

  /** Checks a message against the envelope and its event's schema; parks it and answers undefined when it fails. */
  async #accept (message: JsMsg): Promise<Accepted | undefined> {
    const { definition } = this.#options.subscription
    let envelope: unknown
    try {
      envelope = JSON.parse(message.string())
    } catch {
      await this.#park(message, 'not JSON')
      return undefined
    }
    if (!envelopeValidator.Check(envelope)) {
      await this.#park(message, `not an event envelope: ${describeErrors(envelopeValidator.Errors(envelope))}`)
      return undefined
    }
    if (envelope.type !== definition.type || envelope.version !== definition.version || envelope.producer !== definition.producer) {
      await this.#park(message, `envelope ${envelope.producer}/${envelope.type}/v${envelope.version} does not match ${definition.subject}`)
      return undefined
    }
    if (!definition.validator.Check(envelope.data)) {
      await this.#park(message, `payload fails the ${definition.subject} schema: ${describeErrors(definition.validator.Errors(envelope.data))}`)
      return undefined
    }
    const traceId = message.headers?.get('x-request-id') || envelope.traceId
    const deliveries = message.info.redeliveryCount
    const log = this.#options.log.child({ reqId: traceId, eventId: envelope.id, event: definition.subject, deliveries })
    return { message, envelope, traceId, deliveries, log, outcome: 'pending' }
  }

  /**
   * Handles what arrived together in one transaction with one inbox insert: one commit (one disk flush)
   * for the batch, in order. If any handler fails, that transaction rolls back and each message is
   * handled again in a transaction of its own, so a failure undoes only its own effect. Acks go out
   * after the commit; a crash in between means a redelivery, which the inbox absorbs.
   */
  async #handleBatch (messages: JsMsg[]): Promise<void> {
    const accepted = (await Promise.all(messages.map(async (message) => await this.#accept(message)))).filter((item) => item !== undefined)
    if (accepted.length === 0) return
    try {
      await this.#transact(accepted)
    } catch (error) {
      if (accepted.length === 1 || isTransientError(error)) {
        for (const item of accepted) Object.assign(item, { outcome: 'failed', error })
      } else {
        for (const item of accepted) {
          try {
            await this.#transact([item])
          } catch (itemError) {
            Object.assign(item, { outcome: 'failed', error: itemError })
          }
        }
      }
    }
    for (const item of accepted) await this.#settle(item)
  }

  /** #claimAndHandle in a transaction of its own, run again at once when it loses a conflict. */
  async #transact (items: Accepted[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#options.db.transaction(async (tx) => { await this.#claimAndHandle(tx, items) })
        return
      } catch (error) {
        if (attempt >= CONFLICT_ATTEMPTS || !isConflictError(error)) throw error
        this.#options.log.info({ durable: this.durableName, attempt, events: items.length }, 'transaction lost a conflict; running it again')
      }
    }
  }

  /** Records the events in the inbox and runs the handler for each one not seen before (first copy only). */
  async #claimAndHandle (tx: Executor, items: Accepted[]): Promise<void> {
    const { subscription, tables } = this.#options
    const claimed = await tx.insert(tables.inbox).values(items.map((item) => ({ consumer: this.durableName, eventId: item.envelope.id })))
      .onConflictDoNothing().returning({ eventId: tables.inbox.eventId })
    const fresh = new Set(claimed.map((row) => row.eventId))
    for (const item of items) {
      // delete() makes a second copy in the same batch a duplicate too.
      if (!fresh.delete(item.envelope.id)) {
        item.outcome = 'duplicate'
        continue
      }
      await subscription.handler(item.envelope, { tx, log: item.log, traceId: item.traceId, deliveries: item.deliveries })
      item.outcome = 'handled'
    }
  }

  /** Acks what was handled or skipped; retries a failure later, or parks it once retries are used up. */
  async #settle (item: Accepted): Promise<void> {
    if (item.outcome !== 'failed') {
      item.message.ack()
      item.log.debug({}, item.outcome === 'handled' ? 'event handled' : 'duplicate event skipped')
      return
    }
    // An unreachable database is nobody's fault: retry without spending the message's attempts.
    const transient = isTransientError(item.error)
    if (!transient && item.deliveries >= this.#options.maxDeliveries) {
      await this.#park(item.message, `handler failed ${item.deliveries} times: ${item.error instanceof Error ? item.error.message : String(item.error)}`)
      return
    }
    const delayMs = transient ? 1000 : Math.min(250 * 2 ** (item.deliveries - 1), 30_000)
    item.log.warn({ err: item.error, retryInMs: delayMs }, 'event handler failed')
    item.message.nak(delayMs)
  }

  /** Keeps a message that can never succeed in dead_letters and tells JetStream to stop delivering it. */
  async #park (message: JsMsg, reason: string): Promise<void> {
    const { db, tables, log } = this.#options
    try {
      const headerEntries = message.headers === undefined ? null : Object.fromEntries([...message.headers.keys()].map((key) => [key, message.headers?.get(key)]))
      await db.insert(tables.deadLetters).values({
        consumer: this.durableName,
        subject: message.subject,
        streamSequence: message.info.streamSequence,
        deliveries: message.info.redeliveryCount,
        payload: message.string(),
        headers: headerEntries,
        reason
      })
      message.term()
      log.error({ durable: this.durableName, subject: message.subject, streamSequence: message.info.streamSequence, reason }, 'event parked in dead_letters')
    } catch (error) {
      // Not recorded, so not dropped: JetStream delivers it again later.
      log.warn({ err: error }, 'could not park event, will retry')
      message.nak(5000)
    }
  }
}

function describeErrors (errors: { instancePath: string, message: string }[]): string {
  return errors.slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ')
}
