import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pg from 'pg'

/** Services that own a schema; `sql/00-init.sql` creates a role and a schema for each. */
export const SERVICE_SCHEMAS = ['identity', 'assessment', 'invitation', 'grading', 'signaling'] as const

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/interview_platform'

/**
 * The administrator's database URL: `DATABASE_URL`, else one built from the original platform's
 * `DB_HOST`/`DB_PORT`/`DB_USER`/`DB_PASSWORD`/`DB_NAME` (so its `.env` files keep working), else the
 * local default.
 */
export function databaseUrlFromEnv (env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== '') return env.DATABASE_URL
  const legacy = ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME'].some((name) => env[name] !== undefined && env[name] !== '')
  if (!legacy) return DEFAULT_DATABASE_URL
  const url = new URL(DEFAULT_DATABASE_URL)
  if (env.DB_HOST) url.hostname = env.DB_HOST
  if (env.DB_PORT) url.port = env.DB_PORT
  if (env.DB_USER) url.username = encodeURIComponent(env.DB_USER)
  if (env.DB_PASSWORD) url.password = encodeURIComponent(env.DB_PASSWORD)
  if (env.DB_NAME) url.pathname = `/${encodeURIComponent(env.DB_NAME)}`
  return url.toString()
}

/** The URL a service connects with: the same server and database, as the service's own role. */
export function serviceDatabaseUrl (baseUrl: string, service: string, password?: string): string {
  const url = new URL(baseUrl)
  url.username = encodeURIComponent(service)
  url.password = password === undefined ? '' : encodeURIComponent(password)
  return url.toString()
}

export function databaseName (url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'
}

/** Creates the database named in `adminUrl` when it is missing (connecting to `postgres` to do so). */
export async function ensureDatabase (adminUrl: string): Promise<boolean> {
  const maintenance = new URL(adminUrl)
  maintenance.pathname = '/postgres'
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    const name = databaseName(adminUrl)
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount !== 0) return false
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
    return true
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return false // created concurrently
    throw error
  } finally {
    await client.end()
  }
}

export type BootstrapOptions = {
  /** Path of `sql/00-init.sql`. */
  initSqlPath: string
  /** Role passwords by service; a service without one gets a role without a password. */
  passwords?: Partial<Record<string, string>>
  /** Further schema-owning roles beyond SERVICE_SCHEMAS (tests use this for example services). */
  extraServices?: string[]
}

/**
 * Creates the database if needed, then the role and schema of every service, by running
 * `sql/00-init.sql` as the administrator.
 */
export async function bootstrapDatabase (adminUrl: string, options: BootstrapOptions): Promise<void> {
  await ensureDatabase(adminUrl)
  const sql = await readFile(options.initSqlPath, 'utf8')
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    for (const [service, password] of Object.entries(options.passwords ?? {})) {
      if (password !== undefined && password !== '') {
        await client.query("SELECT set_config('platform.' || $1 || '_password', $2, false)", [service, password])
      }
    }
    await client.query(sql)
    for (const service of options.extraServices ?? []) {
      await client.query('SELECT pg_temp.ensure_service_schema($1, $2)', [service, options.passwords?.[service] ?? null])
    }
  } finally {
    await client.end()
  }
}

/** The folder holding pnpm-workspace.yaml, found by walking up from `start`. */
export function findWorkspaceRoot (start: string): string {
  let folder = start
  while (!existsSync(join(folder, 'pnpm-workspace.yaml'))) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error(`No pnpm-workspace.yaml above ${start}`)
    folder = parent
  }
  return folder
}
