import { join } from 'node:path'
import { DEFAULT_DATABASE_URL, databaseUrlFromEnv } from '@repo/db'
import { DEFAULT_EMBEDDED_PG_PORT, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js'
import { StackError, displayUrl } from './errors.js'
import { probePostgres } from './postgres-probe.js'

export const PROBE_TIMEOUT_MS = 2000

const legacyVariables = ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', 'DB_NAME']

/** Which variables chose the database, or undefined when the local default is used. */
function configuredBy (env: NodeJS.ProcessEnv): string | undefined {
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== '') return 'DATABASE_URL'
  const legacy = legacyVariables.filter((name) => env[name] !== undefined && env[name] !== '')
  return legacy.length === 0 ? undefined : legacy.join('/')
}

export type PreparedPostgres = { adminUrl: string, embedded?: EmbeddedPostgres }

/**
 * The database the stack uses: the configured one (which must answer), else the local default,
 * else, when nothing answers there, an embedded Postgres with its data in `<root>/.data/postgres`.
 */
export async function preparePostgres (root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<PreparedPostgres> {
  const adminUrl = databaseUrlFromEnv(env)
  const probe = await probePostgres(adminUrl, PROBE_TIMEOUT_MS)
  if (probe.kind === 'ok') {
    log(`Postgres: ${displayUrl(adminUrl)}`)
    return { adminUrl }
  }
  const setBy = configuredBy(env)
  if (setBy !== undefined) {
    throw new StackError(`Postgres does not answer at ${displayUrl(adminUrl)} (from ${setBy}): ${probe.reason}`)
  }
  if (probe.kind === 'refused') {
    // Something runs there; starting a second server beside it would only hide the problem.
    throw new StackError(`Postgres at ${displayUrl(adminUrl)} refused the connection (${probe.reason}); set DATABASE_URL to an administrator URL with its password`)
  }
  const port = Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StackError(`EMBEDDED_PG_PORT must be a port number (got ${JSON.stringify(env.EMBEDDED_PG_PORT)})`)
  log(`no Postgres answers at ${displayUrl(adminUrl)}; starting an embedded one (set DATABASE_URL to use another)`)
  const embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data', 'postgres'), port, log })
  const url = new URL(embedded.url)
  url.pathname = new URL(DEFAULT_DATABASE_URL).pathname
  return { adminUrl: url.toString(), embedded }
}
