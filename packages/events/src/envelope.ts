import { Type, type Static } from 'typebox'

/**
 * What travels on the wire for every event (ARCHITECTURE.md "Events"). `data` is checked against the
 * event's own schema from the registry; unknown fields anywhere are allowed, so additive changes keep
 * the version.
 */
export const EnvelopeSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ minLength: 1 }),
  version: Type.Integer({ minimum: 1 }),
  occurredAt: Type.String({ format: 'date-time' }),
  producer: Type.String({ minLength: 1 }),
  data: Type.Unknown(),
  traceId: Type.Optional(Type.String())
})

export type Envelope = Static<typeof EnvelopeSchema>

/** An envelope whose `data` passed its event's schema. */
export type Event<TData> = Omit<Envelope, 'data'> & { data: TData }
