import type pg from 'pg'

export type ChannelListener = { start: () => void, stop: () => Promise<void> }

export type ChannelListenerOptions = {
  pool: pg.Pool
  channel: string
  /** Each notification's payload (NOTIFY is delivered at commit: the rows it is about are visible). */
  onNotification: (payload: string | undefined) => void
  /** Once LISTEN holds (again): for what was committed while nobody listened. */
  onListening?: () => void
  log: { warn: (obj: object, msg: string) => void }
  /** Names the listener in its log lines ("outbox listener", ...). */
  what: string
}

/**
 * LISTENs on a channel on one connection of the pool, and replaces a lost connection after a second.
 * A cut connection both fails a pending LISTEN and emits 'error': only one retry follows each attempt,
 * since each would hold a pooled client, and under repeated cuts leaked clients exhaust the pool. After
 * stop() the client is back in the pool and may serve someone else, so it is never released again.
 */
export function listenOnChannel (options: ChannelListenerOptions): ChannelListener {
  const { pool, channel, log, what } = options
  let listener: pg.PoolClient | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let stopped = false

  const listen = async (): Promise<void> => {
    if (stopped) return
    let client: pg.PoolClient | undefined
    let failed = false
    const retry = (error: unknown, message: string): void => {
      if (failed || stopped) return
      failed = true
      log.warn({ err: error, channel }, `${what} ${message}`)
      if (client !== undefined) {
        client.release(error instanceof Error ? error : true)
        if (listener === client) listener = undefined
      }
      clearTimeout(retryTimer)
      retryTimer = setTimeout(() => { void listen() }, 1000)
    }
    try {
      const connected = await pool.connect()
      client = connected
      connected.on('notification', (message) => { if (message.channel === channel) options.onNotification(message.payload) })
      connected.once('error', (error) => { retry(error, 'lost its connection') })
      await connected.query(`LISTEN "${channel}"`)
      if (failed) return
      if (stopped) {
        connected.release()
        return
      }
      listener = connected
      options.onListening?.()
    } catch (error) {
      retry(error, 'could not connect, retrying')
    }
  }

  return {
    start: () => { void listen() },
    stop: async () => {
      stopped = true
      clearTimeout(retryTimer)
      const connection = listener
      listener = undefined
      if (connection !== undefined) {
        await connection.query(`UNLISTEN "${channel}"`).catch(() => {})
        connection.release()
      }
    }
  }
}
