import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { waitFor } from '@repo/testing'
import { buildConsumer, buildProducer } from './fixtures/example-apps.js'
import { createEnvironment, effectsFor, postNote, type TestEnvironment } from './helpers.js'

// Two batches of one subscription (concurrency 2) that take the same two locks in opposite orders
// deadlock; Postgres aborts one of them. That batch runs again at once, in the same delivery, instead of
// waiting for a redelivery (which would also spend one of the event's attempts).
let env: TestEnvironment
let producer: ServiceApp
let consumer: ServiceApp
const LOCK_A = 4_100_001
const LOCK_B = 4_100_002
const runs = new Map<string, number>()
let firstHoldsA: () => void = () => {}
const firstHoldingA = new Promise<void>((resolve) => { firstHoldsA = resolve })
let secondHoldsB: () => void = () => {}
const secondHoldingB = new Promise<void>((resolve) => { secondHoldsB = resolve })

beforeAll(async () => {
  env = await createEnvironment()
  const exampleEnv = { urlFor: env.database.urlFor, natsUrl: env.natsUrl, prefix: env.prefix }
  producer = await buildProducer(exampleEnv, { pollIntervalMs: 60_000 })
  consumer = await buildConsumer(exampleEnv, {
    replica: 'deadlocking',
    concurrency: 2,
    ackWaitMs: 60_000,
    afterEffect: async (text, _deliveries, tx) => {
      const run = (runs.get(text) ?? 0) + 1
      runs.set(text, run)
      const lock = async (key: number) => { await tx.execute(sql`SELECT pg_advisory_xact_lock(${key})`) }
      // Only the first run of each meets the other in the middle; a run after the abort goes straight through.
      if (text === 'a then b') {
        await lock(LOCK_A)
        if (run === 1) {
          firstHoldsA()
          await secondHoldingB
        }
        await lock(LOCK_B)
      } else if (text === 'b then a') {
        await lock(LOCK_B)
        if (run === 1) secondHoldsB()
        await lock(LOCK_A)
      }
    }
  })
})

afterAll(async () => {
  await Promise.all([producer, consumer].map(async (app) => { await app?.close() }))
  await env.cleanup()
})

it('runs a batch that lost a deadlock again at once, within the same delivery, and each event takes effect once', async () => {
  await postNote(producer, 'a then b')
  // In its own batch, holding lock A, before the second is posted.
  await firstHoldingA
  await postNote(producer, 'b then a')

  for (const text of ['a then b', 'b then a']) {
    const effects = await waitFor(`the effect of "${text}"`, async () => {
      const rows = await effectsFor(env.admin, text)
      return rows.length > 0 ? rows : undefined
    }, 20_000)
    expect(effects).toHaveLength(1)
    // Handled in its first delivery: a redelivery after a nak would show deliveries 2.
    expect(effects[0]?.deliveries, text).toBe(1)
  }
  // One of the two lost the deadlock and ran twice; the other once.
  expect([...runs.values()].sort()).toEqual([1, 2])
  const { rows } = await env.admin.query<{ count: number }>('SELECT count(*)::int AS count FROM excons.dead_letters')
  expect(rows[0]?.count).toBe(0)
})
