import pg from 'pg'

export type PoolOptions = {
  /** Shown in pg_stat_activity, so a connection can be traced to its service. */
  applicationName: string
  max?: number
  /** Called for errors on idle connections (e.g. the server restarted); without it they crash the process. */
  onIdleError?: (error: Error) => void
}

export function createPool (connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000
  })
  pool.on('error', options.onIdleError ?? (() => {}))
  return pool
}

/** Quotes an SQL identifier (schema or table name) for use in text SQL. */
export function quoteIdent (name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
