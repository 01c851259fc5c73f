import { setTimeout as sleep } from 'node:timers/promises'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JsMsg } from 'nats'
import { Compile } from 'typebox/compile'
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

export type Subscription<TDefinition extends EventDefinition = EventDefinition> = {
  definition: TDefinition
  handler: EventHandler<TDefinition>
}

/** Pairs an event definition with its handler, keeping the handler's payload type exact. */
export function subscribe<TDefinition extends EventDefinition> (definition: TDefinition, handler: EventHandler<TDefinition>): Subscription {
  return { definition, handler }
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

/**
 * One durable pull consumer: explicit acks, the inbox for exactly-once effects, bounded retries with
 * backoff, and parking (dead_letters + term) for messages that can never succeed, so one bad message
 * never blocks the ones behind it.
 */
export class DurableConsumer {
  readonly #options: ConsumerOptions & { ackWaitMs: number, maxDeliveries: number }
  readonly durableName: string
  #messages: ConsumerMessages | undefined
  #loop: Promise<void> | undefined
  #stopping = false

  constructor (options: ConsumerOptions) {
    this.#options = { ackWaitMs: 30_000, maxDeliveries: 5, ...options }
    this.durableName = options.names.durableName(options.service, options.subscription.definition.subject)
  }

  /** Binds to the stream (creating stream and consumer when missing) and starts handling; retries until it can. */
  start (): void {
    this.#loop = this.#run()
  }

  /** Stops fetching, lets the message in hand finish (commit and ack), then returns. */
  async stop (): Promise<void> {
    this.#stopping = true
    await this.#messages?.close()
    await this.#loop
  }

  async #run (): Promise<void> {
    const { link, log } = this.#options
    while (!this.#stopping) {
      try {
        const connection = await link.connection()
        const messages = await this.#bind()
        if (this.#stopping) {
          await messages.close()
          return
        }
        this.#messages = messages
        log.info({ durable: this.durableName }, 'consuming')
        for await (const message of messages) {
          await this.#handle(message)
        }
        if (connection.isClosed()) return
      } catch (error) {
        if (this.#stopping) return
        log.warn({ err: error, durable: this.durableName }, 'consumer stopped, binding again')
        await sleep(1000)
      }
    }
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
    return await consumer.consume({ max_messages: 64 })
  }

  async #handle (message: JsMsg): Promise<void> {
    const { subscription, db, tables, log: baseLog, maxDeliveries } = this.#options
    const { definition, handler } = subscription
    const deliveries = message.info.redeliveryCount
    let envelope: unknown
    try {
      envelope = JSON.parse(message.string())
    } catch {
      await this.#park(message, 'not JSON')
      return
    }
    if (!envelopeValidator.Check(envelope)) {
      await this.#park(message, `not an event envelope: ${describeErrors(envelopeValidator.Errors(envelope))}`)
      return
    }
    if (envelope.type !== definition.type || envelope.version !== definition.version || envelope.producer !== definition.producer) {
      await this.#park(message, `envelope ${envelope.producer}/${envelope.type}/v${envelope.version} does not match ${definition.subject}`)
      return
    }
    if (!definition.validator.Check(envelope.data)) {
      await this.#park(message, `payload fails the ${definition.subject} schema: ${describeErrors(definition.validator.Errors(envelope.data))}`)
      return
    }
    const traceId = message.headers?.get('x-request-id') || envelope.traceId
    const log = baseLog.child({ reqId: traceId, eventId: envelope.id, event: definition.subject, deliveries })
    try {
      const fresh = await db.transaction(async (tx) => {
        const claimed = await tx.insert(tables.inbox).values({ consumer: this.durableName, eventId: envelope.id })
          .onConflictDoNothing().returning({ eventId: tables.inbox.eventId })
        if (claimed.length === 0) return false
        await handler(envelope, { tx, log, traceId, deliveries })
        return true
      })
      message.ack()
      log.debug({}, fresh ? 'event handled' : 'duplicate event skipped')
    } catch (error) {
      if (deliveries >= maxDeliveries) {
        await this.#park(message, `handler failed ${deliveries} times: ${error instanceof Error ? error.message : String(error)}`)
        return
      }
      const delayMs = Math.min(250 * 2 ** (deliveries - 1), 30_000)
      log.warn({ err: error, retryInMs: delayMs }, 'event handler failed')
      message.nak(delayMs)
    }
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
