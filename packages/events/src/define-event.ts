import type { Static, TSchema } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'

export type EventDefinition<TProducer extends string = string, TSchemaType extends TSchema = TSchema> = {
  producer: TProducer
  /** Dotted `<entity>.<past-tense verb>`, e.g. `test.submitted`. */
  type: string
  version: number
  schema: TSchemaType
  /** `<producer>.<type>.v<version>`, e.g. `invitation.test.submitted.v1` (before any run prefix). */
  subject: string
  validator: Validator
}

/** The payload type of an event definition. */
export type EventData<TDefinition extends EventDefinition> = Static<TDefinition['schema']>

const typePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/
const producerPattern = /^[a-z][a-z0-9_]*$/

/**
 * Declares one version of one event. `publish` and `subscribe` take the definition, so a payload that
 * does not match its schema fails to compile, and a message that does not match it at run time is
 * parked by the consumer instead of reaching a handler.
 */
export function defineEvent<const TProducer extends string, TSchemaType extends TSchema> (definition: {
  producer: TProducer
  type: string
  version: number
  schema: TSchemaType
}): EventDefinition<TProducer, TSchemaType> {
  if (!producerPattern.test(definition.producer)) throw new Error(`Bad producer name: ${definition.producer}`)
  if (!typePattern.test(definition.type)) throw new Error(`Event type must be dotted <entity>.<verb>: ${definition.type}`)
  if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`Bad event version: ${definition.version}`)
  return {
    ...definition,
    subject: `${definition.producer}.${definition.type}.v${definition.version}`,
    validator: Compile(definition.schema)
  }
}
