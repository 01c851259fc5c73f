import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, isStaleTestDatabase, testServerUrl, uniqueName } from '../src/test-database.js'

const HOUR = 3_600_000
const now = Date.now()
const nameAt = (time: number) => `t_${time.toString(36)}_${randomBytes(4).toString('hex')}`

describe('isStaleTestDatabase', () => {
  it('is true only for a test run\'s database older than six hours', () => {
    expect(isStaleTestDatabase(nameAt(now - 7 * HOUR), now)).toBe(true)
    expect(isStaleTestDatabase(nameAt(now - 5 * HOUR), now)).toBe(false)
    expect(isStaleTestDatabase(uniqueName('t_'), now)).toBe(false)
  })

  it('never names a database that a test run did not make', () => {
    // Each matched the old `LIKE 't_%'`, whose `_` is a wildcard, and parsed as an ancient time.
    for (const name of ['test', 'template0', 'template1', 'tkeep', 't_', 't_abc', 'ta1_deadbeef', `t_${(now - 7 * HOUR).toString(36)}_xyz`]) {
      expect(isStaleTestDatabase(name, now), name).toBe(false)
    }
  })
})

describe('createTestDatabase', () => {
  // Dropped by the old clean-up: `LIKE 't_%'` matched it, and "eep" parsed as a time long past.
  const keep = `tkeep_${randomBytes(4).toString('hex')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: testServerUrl() })
    await client.connect()
    try {
      return await client.query<{ datname: string }>(sql)
    } finally {
      await client.end()
    }
  }
  afterAll(async () => { await admin(`DROP DATABASE IF EXISTS "${keep}"`) })

  it('drops stale run databases and leaves other databases alone', async () => {
    const stale = nameAt(now - 7 * HOUR)
    await admin(`CREATE DATABASE "${keep}"`)
    await admin(`CREATE DATABASE "${stale}"`)
    const database = await createTestDatabase()
    await database.drop()
    const names = (await admin('SELECT datname FROM pg_database')).rows.map((row) => row.datname)
    expect(names).toContain(keep)
    expect(names).not.toContain(stale)
  })
})
