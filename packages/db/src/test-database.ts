/** Test support lives here, not in @repo/testing, because the db package's own tests need it too. */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import pg from 'pg'
import { bootstrapDatabase, findWorkspaceRoot, serviceDatabaseUrl } from './bootstrap.js'

/** The server tests run against: `DATABASE_URL` (any database on it), else the local one. */
export function testServerUrl (): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
}

export type TestDatabase = {
  /** Administrator URL of the run's own database. */
  adminUrl: string
  name: string
  /** URL for a service's own role in that database. */
  urlFor: (service: string) => string
  drop: () => Promise<void>
}

const PREFIX = 't_'
// Databases of runs that were killed are dropped once they are this old; a live run is never that long.
const STALE_AFTER_MS = 6 * 60 * 60 * 1000

/** A name unique to this run: the time (for stale clean-up) plus randomness (for parallel runs). */
export function uniqueName (prefix: string): string {
  return `${prefix}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

async function withMaintenanceClient<T> (work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(testServerUrl())
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** What uniqueName(PREFIX) makes: the prefix, the creation time in base 36, `_`, 8 hex digits. */
const TEST_DATABASE_NAME = /^t_([0-9a-z]+)_[0-9a-f]{8}$/

/**
 * Whether `name` is a test run's database created more than STALE_AFTER_MS before `now`. Only names
 * uniqueName made qualify: anything else on the server (`test`, `template0`, a user's own) never does.
 */
export function isStaleTestDatabase (name: string, now: number): boolean {
  const match = TEST_DATABASE_NAME.exec(name)
  if (match === null) return false
  const created = Number.parseInt(match[1] ?? '', 36)
  return Number.isSafeInteger(created) && now - created > STALE_AFTER_MS
}

async function dropStaleDatabases (client: pg.Client): Promise<void> {
  // `_` matches any character in LIKE, so the pattern escapes it; the name is checked whole below too.
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")
  for (const { datname } of rows) {
    if (isStaleTestDatabase(datname, Date.now())) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {})
  }
}

/**
 * Creates a database for one test run, with every service's role and schema made by `sql/00-init.sql`
 * (plus `extraServices`), so tests see the same boundaries as production and never each other's data.
 */
export async function createTestDatabase (options: { extraServices?: string[] } = {}): Promise<TestDatabase> {
  const name = uniqueName(PREFIX)
  const adminUrl = new URL(testServerUrl())
  adminUrl.pathname = `/${name}`
  await withMaintenanceClient(dropStaleDatabases)
  const root = findWorkspaceRoot(import.meta.dirname)
  await bootstrapDatabase(adminUrl.toString(), {
    initSqlPath: join(root, 'sql', '00-init.sql'),
    ...(options.extraServices === undefined ? {} : { extraServices: options.extraServices })
  })
  return {
    adminUrl: adminUrl.toString(),
    name,
    urlFor: (service) => serviceDatabaseUrl(adminUrl.toString(), service),
    drop: async () => {
      await withMaintenanceClient(async (client) => { await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) })
    }
  }
}
