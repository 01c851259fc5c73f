import pg from 'pg'

export type PoolOptions = {
  /** Shown in pg_stat_activity, so a connection can be traced to its service. */
  applicationName: string
  max?: number
  /** Called for errors on connections, idle or checked out (e.g. the server restarted or cut them); without a listener they would crash the process. */
  onConnectionError?: (error: Error) => void
}

export function createPool (connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000
  })
  // The pool listens for errors only on idle clients (and re-emits them here). A checked-out one (a
  // transaction, a LISTEN) whose connection is cut (pg_terminate_backend, a failover) emits 'error' when
  // the socket ends, even after its query already failed with that error; with nobody listening that is
  // an uncaught exception that takes the whole process down. So every client gets a listener for its
  // whole life, which also covers the idle case: the query's caller sees the failure anyway, and the
  // pool drops the dead client, so the error is only reported, once.
  pool.on('error', () => {})
  pool.on('connect', (client) => { client.on('error', options.onConnectionError ?? (() => {})) })
  return pool
}

/** Quotes an SQL identifier (schema or table name) for use in text SQL. */
export function quoteIdent (name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
