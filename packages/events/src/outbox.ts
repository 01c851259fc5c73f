import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import type { EventData, EventDefinition } from './define-event.js'
import type { Envelope } from './envelope.js'
import type { EventTables } from './tables.js'

/** A drizzle database or transaction of any service. */
export type Executor = PgDatabase<NodePgQueryResultHKT, Record<string, unknown>>

export type PublishContext = {
  /** The request id (or the trace id of the event being handled) that caused this event. */
  traceId?: string
}

export class InvalidEventError extends Error {
  override name = 'InvalidEventError'
}

/** The LISTEN/NOTIFY channel that wakes a service's relay when its outbox gains rows. */
export function outboxChannel (schemaName: string): string {
  return `${schemaName}_outbox`
}

export type Outbox = {
  /**
   * Records an event in the outbox inside the caller's transaction: it is published after the
   * transaction commits, and never if it rolls back.
   */
  publish: <TDefinition extends EventDefinition>(tx: Executor, definition: TDefinition, data: EventData<TDefinition>, context?: PublishContext) => Promise<Envelope>
}

export function createOutbox (tables: EventTables, schemaName: string, producer: string): Outbox {
  const channel = outboxChannel(schemaName)
  return {
    publish: async (tx, definition, data, context = {}) => {
      if (definition.producer !== producer) throw new InvalidEventError(`${producer} cannot publish ${definition.subject}: it belongs to ${definition.producer}`)
      // Types already check this; the run-time check stops a bad payload before it is committed.
      if (!definition.validator.Check(data)) {
        const first = definition.validator.Errors(data)[0]
        throw new InvalidEventError(`${definition.subject} payload is invalid: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim())
      }
      const envelope: Envelope = {
        id: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt: new Date().toISOString(),
        producer: definition.producer,
        data,
        ...(context.traceId === undefined ? {} : { traceId: context.traceId })
      }
      // The relay's wake-up rides on the insert (delivered at commit, like a separate NOTIFY): one round
      // trip per event instead of two, inside transactions that hold their connection (a grading batch
      // makes one per submission).
      await tx.insert(tables.outbox).values({ id: envelope.id, subject: definition.subject, envelope })
        .returning({ notified: sql`pg_notify(${channel}, '')` })
      return envelope
    }
  }
}
