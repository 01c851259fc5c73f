import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { startPrivateNats, waitFor, type PrivateNats } from '@repo/testing'
import { buildConsumer, buildProducer, type ExampleEnvironment } from './fixtures/example-apps.js'
import { createEnvironment, type TestEnvironment } from './helpers.js'

// This test stops NATS, so it runs its own nats-server (free port, own store), never the shared one.
let nats: PrivateNats
let env: TestEnvironment
let exampleEnv: ExampleEnvironment
const apps: ServiceApp[] = []

beforeAll(async () => {
  nats = await startPrivateNats()
  env = await createEnvironment(nats.url)
  exampleEnv = { urlFor: env.database.urlFor, natsUrl: nats.url, prefix: env.prefix }
})

afterAll(async () => {
  await Promise.all(apps.map(async (app) => { await app.close() }))
  await env.cleanup()
  await nats.dispose()
})

async function countEffects (prefix: string): Promise<{ text: string, n: number }[]> {
  const { rows } = await env.admin.query('SELECT text, count(*)::int AS n FROM excons.effects WHERE text LIKE $1 GROUP BY text ORDER BY text', [`${prefix}%`])
  return rows
}

describe('NATS outage', () => {
  it('keeps accepting events while NATS is down and delivers each exactly once when it is back', async () => {
    const producer = await buildProducer(exampleEnv, { pollIntervalMs: 60_000 })
    const consumer = await buildConsumer(exampleEnv, { replica: 'a' })
    apps.push(producer, consumer)
    expect((await producer.inject({ method: 'POST', url: '/notes', payload: { text: 'outage-before' } })).statusCode).toBe(200)
    await waitFor('the first effect', async () => (await countEffects('outage-before')).length === 1 ? true : undefined)

    await nats.stop()
    await waitFor('the producer to notice', async () => (await producer.inject({ url: '/ready' })).statusCode === 503 ? true : undefined)
    const during = Array.from({ length: 10 }, (_unused, index) => `outage-during-${String(index).padStart(2, '0')}`)
    for (const text of during) {
      expect((await producer.inject({ method: 'POST', url: '/notes', payload: { text } })).statusCode).toBe(200)
    }
    // A replica that boots while NATS is down still starts and takes writes.
    const lateProducer = await buildProducer(exampleEnv, { pollIntervalMs: 60_000 })
    apps.push(lateProducer)
    expect((await lateProducer.inject({ method: 'POST', url: '/notes', payload: { text: 'outage-during-late' } })).statusCode).toBe(200)

    const { rows: waiting } = await env.admin.query('SELECT count(*)::int AS n FROM exprod.outbox WHERE sent_at IS NULL')
    expect(waiting[0].n).toBe(11)

    await nats.start()
    const effects = await waitFor('all events of the outage to take effect', async () => {
      const rows = await countEffects('outage-during')
      return rows.length === 11 ? rows : undefined
    }, 45_000)
    expect(effects.every((row) => row.n === 1)).toBe(true)
    await waitFor('the outbox to drain', async () => {
      const { rows } = await env.admin.query('SELECT count(*)::int AS n FROM exprod.outbox WHERE sent_at IS NULL')
      return rows[0].n === 0 ? true : undefined
    })
    expect((await producer.inject({ url: '/ready' })).statusCode).toBe(200)
    // Later events still flow through the same connections.
    expect((await producer.inject({ method: 'POST', url: '/notes', payload: { text: 'outage-after' } })).statusCode).toBe(200)
    await waitFor('an effect after recovery', async () => (await countEffects('outage-after')).length === 1 ? true : undefined)
    expect(await countEffects('outage-')).toHaveLength(13)
  })
})
