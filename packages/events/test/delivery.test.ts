import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { StringCodec } from 'nats'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { waitFor } from '@repo/testing'
import { naming } from '../src/naming.js'
import { buildConsumer, buildProducer } from './fixtures/example-apps.js'
import { NoteCreatedV1 } from './fixtures/events.js'
import { createEnvironment, effectsFor, withJsm, type TestEnvironment } from './helpers.js'
import { testEnvelope } from '../src/testing/index.js'

let env: TestEnvironment
let producer: ServiceApp
let replicas: ServiceApp[]
const codec = StringCodec()
const consumerLogs: Record<string, unknown>[] = []
const logSink = new Writable({
  write (chunk: Buffer, _encoding, callback) {
    consumerLogs.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
    callback()
  }
})

beforeAll(async () => {
  env = await createEnvironment()
  const exampleEnv = { urlFor: env.database.urlFor, natsUrl: env.natsUrl, prefix: env.prefix }
  // The relay's fallback poll is a minute: only LISTEN/NOTIFY can make deliveries prompt here.
  producer = await buildProducer(exampleEnv, { pollIntervalMs: 60_000 })
  const logged = { ...exampleEnv, logger: pino({ level: 'info' }, logSink) }
  replicas = [await buildConsumer(logged, { replica: 'a' }), await buildConsumer(logged, { replica: 'b' })]
})

afterAll(async () => {
  await Promise.all([producer, ...replicas].map(async (app) => { await app.close() }))
  await env.cleanup()
})

async function postNote (text: string, extra: { rollback?: boolean, requestId?: string } = {}) {
  return await producer.inject({
    method: 'POST',
    url: '/notes',
    payload: { text, ...(extra.rollback === undefined ? {} : { rollback: extra.rollback }) },
    ...(extra.requestId === undefined ? {} : { headers: { 'x-request-id': extra.requestId } })
  })
}

async function onlyEffect (text: string) {
  const [effect, ...more] = await waitFor(`the effect of "${text}"`, async () => {
    const rows = await effectsFor(env.admin, text)
    return rows.length > 0 ? rows : undefined
  })
  expect(more).toEqual([])
  return effect
}

async function consumerState () {
  return await withJsm(env.natsUrl, async (jsm) => {
    const names = naming(env.prefix)
    return await jsm.consumers.info(names.streamName('exprod'), names.durableName('excons', NoteCreatedV1.subject))
  })
}

async function waitUntilSettled (): Promise<void> {
  // Nothing pending or unacknowledged: every message was acked or parked, none waits for redelivery.
  await waitFor('the consumer to settle', async () => {
    const state = await consumerState()
    return state.num_pending === 0 && state.num_ack_pending === 0 ? true : undefined
  })
}

describe('transactional outbox to idempotent consumer', () => {
  it('delivers a committed event promptly, carrying the request id into the consumer', async () => {
    const response = await postNote('hello', { requestId: 'trace-hello-1' })
    expect(response.statusCode).toBe(200)
    const effect = await onlyEffect('hello')
    expect(effect?.event_id).toBe(response.json().eventId)
    expect(effect?.trace_id).toBe('trace-hello-1')
    expect(effect?.deliveries).toBe(1)
    expect(consumerLogs).toContainEqual(expect.objectContaining({ msg: 'note effect written', reqId: 'trace-hello-1', eventId: effect?.event_id }))
  })

  it('never sends an event whose transaction rolled back', async () => {
    const ghost = await postNote('ghost', { rollback: true })
    expect(ghost.statusCode).toBe(409)
    expect((await postNote('after-ghost')).statusCode).toBe(200)
    await onlyEffect('after-ghost')
    await waitUntilSettled()

    expect(await effectsFor(env.admin, 'ghost')).toEqual([])
    const { rows } = await env.admin.query("SELECT count(*)::int AS n FROM exprod.outbox WHERE envelope->'data'->>'text' = 'ghost'")
    expect(rows[0].n).toBe(0)
    const texts = await withJsm(env.natsUrl, async (jsm) => {
      const stream = naming(env.prefix).streamName('exprod')
      const { state } = await jsm.streams.info(stream)
      const found: string[] = []
      for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq })
        found.push(codec.decode(message.data))
      }
      return found
    })
    expect(texts.some((text) => text.includes('after-ghost'))).toBe(true)
    expect(texts.some((text) => text.includes('"ghost"'))).toBe(false)
  })

  it('has each event take effect once when two replicas share the durable consumer', async () => {
    const texts = Array.from({ length: 40 }, (_unused, index) => `shared-${index}`)
    const responses = await Promise.all(texts.map(async (text) => await postNote(text)))
    expect(responses.every((response) => response.statusCode === 200)).toBe(true)
    await waitFor('all 40 effects', async () => {
      const { rows } = await env.admin.query("SELECT count(*)::int AS n FROM excons.effects WHERE text LIKE 'shared-%'")
      return rows[0].n >= 40 ? true : undefined
    })
    await waitUntilSettled()
    const { rows } = await env.admin.query("SELECT text, count(*)::int AS n FROM excons.effects WHERE text LIKE 'shared-%' GROUP BY text")
    expect(rows).toHaveLength(40)
    expect(rows.every((row: { n: number }) => row.n === 1)).toBe(true)
  })

  it('takes effect once when the same event is delivered twice', async () => {
    const envelope = testEnvelope(NoteCreatedV1, { noteId: randomUUID(), text: 'twice' })
    const subject = naming(env.prefix).subject(NoteCreatedV1.subject)
    await withJsm(env.natsUrl, async (_jsm, connection) => {
      // No message id: JetStream stores both copies, as it would after a redelivery.
      await connection.jetstream().publish(subject, codec.encode(JSON.stringify(envelope)))
      await connection.jetstream().publish(subject, codec.encode(JSON.stringify(envelope)))
    })
    await onlyEffect('twice')
    await waitUntilSettled()
    expect(await effectsFor(env.admin, 'twice')).toHaveLength(1)
  })

  it('parks malformed messages without blocking the ones behind them', async () => {
    const subject = naming(env.prefix).subject(NoteCreatedV1.subject)
    const badPayload = testEnvelope(NoteCreatedV1, { noteId: 'not-a-uuid', text: 'bad-payload' })
    await withJsm(env.natsUrl, async (_jsm, connection) => {
      await connection.jetstream().publish(subject, codec.encode('this is not json'))
      await connection.jetstream().publish(subject, codec.encode(JSON.stringify(badPayload)))
    })
    expect((await postNote('behind-the-bad-ones')).statusCode).toBe(200)
    await onlyEffect('behind-the-bad-ones')
    await waitUntilSettled()

    const { rows } = await env.admin.query('SELECT payload, reason, deliveries FROM excons.dead_letters ORDER BY id')
    expect(rows).toEqual([
      expect.objectContaining({ payload: 'this is not json', reason: 'not JSON', deliveries: 1 }),
      expect.objectContaining({ reason: expect.stringMatching(/payload fails the exprod.note.created.v1 schema: \/noteId/), deliveries: 1 })
    ])
    expect(await effectsFor(env.admin, 'bad-payload')).toEqual([])
  })

  it('retries a failing handler a bounded number of times, then parks the message', async () => {
    expect((await postNote('fail-always')).statusCode).toBe(200)
    expect((await postNote('after-failure')).statusCode).toBe(200)
    await onlyEffect('after-failure')
    const parked = await waitFor('the failing event to be parked', async () => {
      const { rows } = await env.admin.query("SELECT reason, deliveries FROM excons.dead_letters WHERE payload LIKE '%fail-always%'")
      return rows[0] as { reason: string, deliveries: number } | undefined
    })
    expect(parked).toEqual({ reason: 'handler failed 3 times: cannot handle fail-always', deliveries: 3 })
    await waitUntilSettled()
  })

  it('refuses to record a payload that does not match its schema', async () => {
    const { drizzle } = await import('drizzle-orm/node-postgres')
    const db = drizzle(producer.pg)
    await expect(db.transaction(async (tx) => {
      // @ts-expect-error the payload type is checked at compile time too
      await producer.events.publish(tx, NoteCreatedV1, { noteId: 'nope' })
    })).rejects.toThrow(/exprod.note.created.v1 payload is invalid/)
  })
})
