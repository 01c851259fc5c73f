import { Compile } from 'typebox/compile'
import { EnvelopeSchema, catalog, type EventDefinition, type Naming } from '@repo/events'
import type { RevocationFact } from './revocation-store.js'

const envelopeValidator = Compile(EnvelopeSchema)

const { UserDeletedV1, UserTokensRevokedV1 } = catalog.identity

/**
 * The filter of the consumer: one subject, because nats-server 2.9 takes one filter per consumer.
 * Both revocation events live under identity's `user` entity.
 */
export const USER_EVENTS_SUBJECT = `${UserDeletedV1.producer}.user.>`

/** The producer whose stream carries the revocation events. */
export const REVOCATION_PRODUCER = UserDeletedV1.producer

export type Parsed =
  | { status: 'fact', fact: RevocationFact }
  /** Another event under `identity.user.>` (e.g. a new user): fine, just not ours. */
  | { status: 'other' }
  | { status: 'malformed', reason: string }

const bySubject = new Map<string, EventDefinition>([
  [UserTokensRevokedV1.subject, UserTokensRevokedV1],
  [UserDeletedV1.subject, UserDeletedV1]
])

/**
 * Turns a message from identity's stream into a revocation, checking the envelope and the payload
 * against the event's own schema, exactly as a durable consumer would before its handler runs.
 */
export function parseRevocation (names: Naming, wireSubject: string, body: string): Parsed {
  const subject = names.unprefix(wireSubject)
  const definition = subject === undefined ? undefined : bySubject.get(subject)
  if (definition === undefined) return { status: 'other' }

  let envelope: unknown
  try {
    envelope = JSON.parse(body)
  } catch {
    return { status: 'malformed', reason: 'not JSON' }
  }
  if (!envelopeValidator.Check(envelope)) return { status: 'malformed', reason: 'not an event envelope' }
  if (envelope.producer !== definition.producer || envelope.type !== definition.type || envelope.version !== definition.version) {
    return { status: 'malformed', reason: `envelope ${envelope.producer}/${envelope.type}/v${envelope.version} does not match ${definition.subject}` }
  }
  if (!definition.validator.Check(envelope.data)) return { status: 'malformed', reason: `payload fails the ${definition.subject} schema` }

  if (definition === UserTokensRevokedV1) {
    const data = envelope.data as { userId: string, tokensValidFrom: number }
    return { status: 'fact', fact: { kind: 'tokens_revoked', userId: data.userId, validFrom: data.tokensValidFrom } }
  }
  const data = envelope.data as { userId: string, deletedAt: string }
  return { status: 'fact', fact: { kind: 'deleted', userId: data.userId, at: Math.ceil(Date.parse(data.deletedAt) / 1000) } }
}
