import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { waitFor } from '@repo/testing'
import { buildConsumer, buildProducer } from './fixtures/example-apps.js'
import { createEnvironment, effectsFor, postNote, type TestEnvironment } from './helpers.js'

// A subscription with `concurrency` handles several batches at once, each in its own transaction: an
// event whose transaction is held open does not hold up the ones delivered after it, and each still
// takes effect once.
let env: TestEnvironment
let producer: ServiceApp
let consumer: ServiceApp
let release: () => void = () => {}
const held = new Promise<void>((resolve) => { release = resolve })

beforeAll(async () => {
  env = await createEnvironment()
  const exampleEnv = { urlFor: env.database.urlFor, natsUrl: env.natsUrl, prefix: env.prefix }
  producer = await buildProducer(exampleEnv, { pollIntervalMs: 60_000 })
  consumer = await buildConsumer(exampleEnv, {
    replica: 'concurrent',
    concurrency: 3,
    // Notes starting with "hold" keep their transaction open until the test releases them.
    afterEffect: async (text) => { if (text.startsWith('hold')) await held },
    ackWaitMs: 60_000
  })
})

afterAll(async () => {
  release()
  await Promise.all([producer, consumer].map(async (app) => { await app?.close() }))
  await env.cleanup()
})

it('handles later events while an earlier one is still in its transaction, each once', async () => {
  await postNote(producer, 'hold the first')
  // Delivered (its effect is written, uncommitted, and it waits) before the others are posted.
  await waitFor('the held note to be in its handler', async () => {
    const { rows } = await env.admin.query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_stat_activity
      WHERE datname = current_database() AND state = 'idle in transaction' AND query ILIKE 'insert into "excons"."effects"%'`)
    return (rows[0]?.count ?? 0) > 0 ? true : undefined
  })
  for (const text of ['after one', 'after two', 'after three']) await postNote(producer, text)

  // One at a time, these would wait for the held transaction forever.
  for (const text of ['after one', 'after two', 'after three']) {
    expect(await waitFor(`the effect of "${text}"`, async () => {
      const rows = await effectsFor(env.admin, text)
      return rows.length > 0 ? rows : undefined
    }, 20_000)).toHaveLength(1)
  }
  expect(await effectsFor(env.admin, 'hold the first')).toEqual([])

  release()
  const held = await waitFor('the held note to commit', async () => {
    const rows = await effectsFor(env.admin, 'hold the first')
    return rows.length > 0 ? rows : undefined
  })
  expect(held).toHaveLength(1)
})
