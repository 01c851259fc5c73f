import pg from 'pg'

export type PostgresProbe =
  | { kind: 'ok' }
  /** Nothing listens (refused, unreachable, no answer in time). */
  | { kind: 'absent', reason: string }
  /** A server answered but would not let us in (password, pg_hba, ...). */
  | { kind: 'refused', reason: string }

const absentCodes = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'])

/**
 * Connects to the server of `url` as its user. It asks the `postgres` maintenance database rather
 * than the target one, which may not exist yet (bootstrap creates it).
 */
export async function probePostgres (url: string, timeoutMs: number): Promise<PostgresProbe> {
  const maintenance = new URL(url)
  maintenance.pathname = '/postgres'
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: timeoutMs })
  client.on('error', () => {}) // a late socket error after a failed connect must not crash the CLI
  try {
    await client.connect()
    await client.query('SELECT 1')
    return { kind: 'ok' }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const reason = error instanceof Error ? error.message : String(error)
    if ((typeof code === 'string' && absentCodes.has(code)) || /timeout|Connection terminated/i.test(reason)) return { kind: 'absent', reason }
    return { kind: 'refused', reason }
  } finally {
    await client.end().catch(() => {})
  }
}
