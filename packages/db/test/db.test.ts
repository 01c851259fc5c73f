import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../src/test-database.js'
import { createPool, databaseUrlFromEnv, migrate, serviceDatabaseUrl } from '../src/index.js'

const fixtures = join(import.meta.dirname, 'fixtures', 'migrations')
let database: TestDatabase
const pools: pg.Pool[] = []

function poolFor (service: string): pg.Pool {
  const pool = createPool(database.urlFor(service), { applicationName: `test-${service}` })
  pools.push(pool)
  return pool
}

beforeAll(async () => { database = await createTestDatabase() })
afterAll(async () => {
  await Promise.all(pools.map(async (pool) => { await pool.end() }))
  await database.drop()
})

describe('service roles and schemas', () => {
  it('lets a service use its own schema and refuses every other one', async () => {
    const identity = poolFor('identity')
    const assessment = poolFor('assessment')
    await identity.query('CREATE TABLE identity.secrets (value text)')
    await assessment.query('CREATE TABLE tests (title text)') // lands in its own schema through search_path
    await expect(assessment.query('SELECT * FROM identity.secrets')).rejects.toThrow(/permission denied for schema identity/)
    await expect(identity.query('INSERT INTO assessment.tests VALUES ($1)', ['x'])).rejects.toThrow(/permission denied for schema assessment/)
    await expect(identity.query('CREATE SCHEMA sneaky')).rejects.toThrow(/permission denied/)
    await expect(identity.query('CREATE TABLE public.leak (x int)')).rejects.toThrow(/permission denied/)
  })
})

describe('migrate', () => {
  it('applies pending migrations once, even when replicas start together', async () => {
    const pool = poolFor('identity')
    const results = await Promise.all([1, 2, 3].map(async () => await migrate(pool, { schema: 'identity', folder: fixtures })))
    expect(results.flat().sort()).toEqual(['0000_notes', '0001_note_author'])
    await pool.query("INSERT INTO identity.notes (body, author) VALUES ('hi', 'me')")
    expect(await migrate(pool, { schema: 'identity', folder: fixtures })).toEqual([])
  })

  it('refuses to start when an applied migration was edited', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'migrations-'))
    await cp(fixtures, folder, { recursive: true })
    await writeFile(join(folder, '0001_note_author.sql'), 'ALTER TABLE "identity"."notes" ADD COLUMN "editor" text;')
    await expect(migrate(poolFor('identity'), { schema: 'identity', folder })).rejects.toThrow(/0001_note_author was changed after it was applied/)
  })

  it('rolls back a failing migration entirely', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'migrations-'))
    await cp(fixtures, folder, { recursive: true })
    await writeFile(join(folder, 'meta', '_journal.json'), JSON.stringify({ entries: [{ idx: 0, tag: 'bad' }] }))
    await writeFile(join(folder, 'bad.sql'), 'CREATE TABLE "grading"."half" (x int);\n--> statement-breakpoint\nSELECT 1/0;')
    const pool = poolFor('grading')
    await expect(migrate(pool, { schema: 'grading', folder })).rejects.toThrow(/Migration grading\/bad failed: division by zero/)
    const { rows } = await pool.query("SELECT to_regclass('grading.half') AS half")
    expect(rows[0].half).toBeNull()
  })
})

describe('pool', () => {
  it('survives the connection of a checked-out client being cut mid-transaction, and serves again', async () => {
    const errors: Error[] = []
    const pool = createPool(database.urlFor('identity'), { applicationName: 'test-cut', onConnectionError: (error) => { errors.push(error) } })
    pools.push(pool)
    const client = await pool.connect()
    await client.query('BEGIN')
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    // Cut as an administrator (or a failover) would: the socket ends while the client is checked out,
    // which emits 'error' on it; unheard, that would be an uncaught exception failing this test run.
    const admin = new pg.Client({ connectionString: database.adminUrl })
    await admin.connect()
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid])
    await admin.end()
    for (let waited = 0; errors.length === 0 && waited < 5000; waited += 20) await sleep(20)
    expect(errors.map((error) => error.message).join('\n')).toMatch(/terminating connection due to administrator command|Connection terminated unexpectedly/)
    await expect(client.query('SELECT 1')).rejects.toThrow()
    client.release()
    // The dead client is dropped, not handed out again.
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })
})

describe('connection settings', () => {
  it('accepts the original platform variables when DATABASE_URL is not set', () => {
    expect(databaseUrlFromEnv({ DB_HOST: 'db', DB_PORT: '5433', DB_USER: 'app', DB_PASSWORD: 'p@ss', DB_NAME: 'interview_platform' }))
      .toBe('postgres://app:p%40ss@db:5433/interview_platform')
    expect(databaseUrlFromEnv({ DATABASE_URL: 'postgres://x@y/z', DB_HOST: 'ignored' })).toBe('postgres://x@y/z')
    expect(databaseUrlFromEnv({})).toBe('postgres://postgres@127.0.0.1:5432/interview_platform')
  })

  it('derives a service URL with its own role', () => {
    expect(serviceDatabaseUrl('postgres://postgres:admin@h:1/db', 'grading', 's3cret')).toBe('postgres://grading:s3cret@h:1/db')
  })
})
