import { drizzle } from 'drizzle-orm/node-postgres'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type {} from '@repo/db' // brings the app.pg decorator's type
import type {} from '@repo/kit' // brings the readinessChecks decorator's type
import { DurableConsumer, type Log, type Subscription } from './consumer.js'
import { NatsLink } from './nats-link.js'
import { naming } from './naming.js'
import { createOutbox, type Outbox } from './outbox.js'
import { pruneEventTables } from './prune.js'
import { OutboxRelay } from './relay.js'
import { ensureStream, type StreamOptions } from './streams.js'
import type { EventTables } from './tables.js'

declare module 'fastify' {
  interface FastifyInstance {
    events: {
      /** Records an event inside the caller's transaction; see Outbox.publish. */
      publish: Outbox['publish']
      link: NatsLink
    }
  }
}

export type EventsPluginOptions = {
  natsUrl: string
  /** The service: names the NATS connection, its durable consumers, and the stream it produces into. */
  service: string
  /** The Postgres schema holding the service's event tables. */
  schemaName: string
  tables: EventTables
  /** Moves all subjects and streams into a namespace of their own (tests). */
  prefix?: string
  /** Whether this service publishes events (it then runs the outbox relay). */
  produces?: boolean
  subscriptions?: Subscription[]
  consumer?: { ackWaitMs?: number, maxDeliveries?: number }
  relay?: { pollIntervalMs?: number, batchSize?: number, publishTimeoutMs?: number }
  stream?: StreamOptions
}

const PRUNE_EVERY_MS = 60 * 60 * 1000

/**
 * Wires a service to the event backbone: the NATS link, its own stream, the outbox relay, one durable
 * consumer per subscription, `/ready` reporting NATS, and an orderly stop on close (consumers finish
 * the message in hand, the relay its batch, then the connection drains) before the pool closes.
 */
export const eventsPlugin = fp((app: FastifyInstance, options: EventsPluginOptions, done: (error?: Error) => void) => {
  const names = naming(options.prefix)
  const db = drizzle(app.pg)
  const log = app.log.child({ component: 'events' }) as Log
  const link = new NatsLink({ servers: options.natsUrl, name: options.service, log })
  const outbox = createOutbox(options.tables, options.schemaName, options.service)
  const relay = options.produces === true
    ? new OutboxRelay({ db, pool: app.pg, tables: options.tables, schemaName: options.schemaName, link, names, log, ...options.relay })
    : undefined
  const consumers = (options.subscriptions ?? []).map((subscription) => new DurableConsumer({
    service: options.service,
    subscription,
    db,
    tables: options.tables,
    link,
    names,
    log,
    ...options.consumer,
    ...(options.stream === undefined ? {} : { streamOptions: options.stream })
  }))

  app.decorate('events', { publish: outbox.publish, link })
  app.readinessChecks.set('nats', async () => {
    if (!link.isConnected) throw new Error('not connected')
    await (await link.connection()).flush()
  })

  app.addHook('onReady', async () => {
    link.start()
    if (relay !== undefined) {
      // The stream must exist before the first publish; the relay retries until it does.
      void link.connection().then(async (connection) => {
        await ensureStream(await connection.jetstreamManager(), names, options.service, options.stream)
        relay.kick()
      }).catch((error: unknown) => log.warn({ err: error }, 'could not create the stream yet'))
      relay.start()
    }
    for (const consumer of consumers) consumer.start()
  })

  const pruneTimer = setInterval(() => {
    pruneEventTables(db, options.tables, options.stream?.maxAgeMs).catch((error: unknown) => log.warn({ err: error }, 'pruning event tables failed'))
  }, PRUNE_EVERY_MS)
  pruneTimer.unref()

  app.addHook('onClose', async () => {
    clearInterval(pruneTimer)
    await Promise.all(consumers.map(async (consumer) => { await consumer.stop() }))
    await relay?.stop()
    await link.close()
  })
  done()
}, { name: '@repo/events', dependencies: ['@repo/db'] })
