import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'

export type DatabaseCutOptions = {
  /** Administrator URL of the database to cut (the fleet's own; never the shared server's others). */
  databaseUrl: string
  /** How long the connections are cut. */
  durationMs: number
  /**
   * Also refuse new connections (`ALLOW_CONNECTIONS false`) for the whole window, so the services cannot
   * simply reconnect between two terminations: a real outage rather than a churn of connections.
   */
  total: boolean
  /** Pause between two rounds of terminations. */
  everyMs?: number
}

export type DatabaseCut = {
  /** Backends terminated over the window. */
  terminated: number
  rounds: number
}

/**
 * Cuts every connection to one database on the server, again and again for `durationMs`, with
 * `pg_terminate_backend` from a session on the `postgres` maintenance database (which the cut does not
 * touch), so the services lose connections mid-query and mid-transaction the way a failover or an
 * administrator would cut them. The server itself keeps running: other databases never notice.
 */
export async function cutDatabase (options: DatabaseCutOptions): Promise<DatabaseCut> {
  const target = new URL(options.databaseUrl)
  const name = decodeURIComponent(target.pathname.slice(1))
  const maintenance = new URL(options.databaseUrl)
  maintenance.pathname = '/postgres'
  const client = new pg.Client({ connectionString: maintenance.toString() })
  await client.connect()
  const quoted = `"${name.replaceAll('"', '""')}"`
  let terminated = 0
  let rounds = 0
  try {
    if (options.total) await client.query(`ALTER DATABASE ${quoted} ALLOW_CONNECTIONS false`)
    const deadline = Date.now() + options.durationMs
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ terminated: boolean }>('SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
      terminated += rows.filter((row) => row.terminated).length
      rounds++
      await sleep(options.everyMs ?? 50)
    }
  } finally {
    // Always let the services back in, even when a round failed: the test then fails on its own terms.
    if (options.total) await client.query(`ALTER DATABASE ${quoted} ALLOW_CONNECTIONS true`)
    await client.end()
  }
  return { terminated, rounds }
}
