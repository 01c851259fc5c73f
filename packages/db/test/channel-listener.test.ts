import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../src/test-database.js'
import { createPool, listenOnChannel } from '../src/index.js'

// The LISTEN connection the outbox relay, grading's pending pass and signaling's notification hub share:
// cut again and again, it comes back each time, holds one pooled client, and hears notifications.
let database: TestDatabase
let admin: pg.Client

beforeAll(async () => {
  database = await createTestDatabase()
  admin = new pg.Client({ connectionString: database.adminUrl })
  await admin.connect()
})
afterAll(async () => {
  await admin.end()
  await database.drop()
})

const waitUntil = async (what: string, check: () => boolean): Promise<void> => {
  for (const started = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`)
  }
}

it('listens again after each cut, with one pooled client, and hears what is notified', async () => {
  const pool = createPool(database.urlFor('identity'), { applicationName: 'test-listen', max: 3 })
  const payloads: (string | undefined)[] = []
  const warnings: string[] = []
  let listening = 0
  const listener = listenOnChannel({
    pool,
    channel: 'test_wakes',
    onNotification: (payload) => { payloads.push(payload) },
    onListening: () => { listening++ },
    log: { warn: (_obj, msg) => { warnings.push(msg) } },
    what: 'test listener'
  })
  try {
    listener.start()
    for (let cut = 1; cut <= 3; cut++) {
      await waitUntil(`listening #${cut}`, () => listening === cut)
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'test-listen' AND datname = current_database()")
    }
    await waitUntil('listening after the last cut', () => listening === 4)
    expect(warnings.filter((warning) => warning === 'test listener lost its connection')).toHaveLength(3)
    expect(pool.totalCount).toBe(1)
    await admin.query("SELECT pg_notify('test_wakes', 'hello')")
    await waitUntil('the notification', () => payloads.length > 0)
    expect(payloads).toEqual(['hello'])
  } finally {
    await listener.stop()
  }
  // Stopped: the client went back to the pool, free.
  expect(pool.idleCount).toBe(pool.totalCount)
  await pool.end()
})
