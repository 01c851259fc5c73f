import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'

export type WakeListener = { start: () => void, stop: () => Promise<void> }

/**
 * LISTENs on a channel on one connection of the pool and calls `onWake` for each notification, and
 * once (re)connected (for rows committed while nobody listened). A lost connection is replaced after a
 * second. NOTIFY is delivered at commit, so a wake never comes before the rows it is about are visible.
 */
export function listenForWakes (pool: pg.Pool, channel: string, onWake: () => void, log: FastifyBaseLogger): WakeListener {
  let client: pg.PoolClient | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let stopped = false
  const listen = async (): Promise<void> => {
    if (stopped) return
    try {
      const connection = await pool.connect()
      connection.on('notification', () => { onWake() })
      connection.once('error', (error) => {
        log.warn({ err: error, channel }, 'wake listener lost its connection')
        connection.release(error)
        if (client === connection) client = undefined
        retryTimer = setTimeout(() => { void listen() }, 1000)
      })
      await connection.query(`LISTEN "${channel}"`)
      if (stopped) {
        connection.release()
        return
      }
      client = connection
      onWake()
    } catch (error) {
      log.warn({ err: error, channel }, 'wake listener could not connect, retrying')
      retryTimer = setTimeout(() => { void listen() }, 1000)
    }
  }
  return {
    start: () => { void listen() },
    stop: async () => {
      stopped = true
      clearTimeout(retryTimer)
      const connection = client
      client = undefined
      if (connection !== undefined) {
        await connection.query(`UNLISTEN "${channel}"`).catch(() => {})
        connection.release()
      }
    }
  }
}
