import { randomUUID } from 'node:crypto'
import type { NatsConnection } from 'nats'
import type { EventData, EventDefinition } from '../define-event.js'
import type { Envelope } from '../envelope.js'
import type { Naming } from '../naming.js'
import { ensureStream } from '../streams.js'

/** A fresh envelope for an event, as a producer's outbox would write it (no schema check: tests also send bad data). */
export function testEnvelope (definition: Pick<EventDefinition, 'producer' | 'type' | 'version'>, data: unknown): Envelope {
  return { id: randomUUID(), type: definition.type, version: definition.version, occurredAt: new Date().toISOString(), producer: definition.producer, data }
}

/**
 * Publishes an event straight to its producer's stream, as that producer's outbox relay would (the
 * event id as JetStream message id), so a consumer can be tested without running the producer.
 * Answers the event id.
 */
export async function publishAsProducer<T extends EventDefinition> (nats: NatsConnection, names: Naming, definition: T, data: EventData<T>): Promise<string> {
  await ensureStream(await nats.jetstreamManager(), names, definition.producer)
  const envelope = testEnvelope(definition, data)
  await nats.jetstream().publish(names.subject(definition.subject), JSON.stringify(envelope), { msgID: envelope.id })
  return envelope.id
}
