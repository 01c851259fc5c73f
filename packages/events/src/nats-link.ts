import { setTimeout as sleep } from 'node:timers/promises'
import { connect, type ConnectionOptions, type NatsConnection } from 'nats'

type Log = { info: (obj: object, msg: string) => void, warn: (obj: object, msg: string) => void, error: (obj: object, msg: string) => void }

export type NatsLinkOptions = {
  servers: string
  /** Shown in the server's connection list. */
  name: string
  log: Log
  /** Wait between first-connect attempts while NATS is down. */
  retryDelayMs?: number
}

/**
 * The service's NATS connection. It connects in the background, so a service starts (and keeps taking
 * writes into its outbox) while NATS is down, and reconnects without limit: the client's default gives
 * up after about 20 seconds of outage, after which nothing would be published again.
 */
export class NatsLink {
  #connection: NatsConnection | undefined
  #connected = false
  #closing = false
  #listeners = new Set<() => void>()
  readonly #ready: Promise<NatsConnection>
  #resolveReady!: (connection: NatsConnection) => void
  #rejectReady!: (error: Error) => void

  constructor (private readonly options: NatsLinkOptions) {
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve
      this.#rejectReady = reject
    })
    // Callers that only await when they need it would otherwise see an unhandled rejection on close.
    this.#ready.catch(() => {})
  }

  /** Starts connecting; returns at once. */
  start (): void {
    void this.#connectLoop()
  }

  /** Resolves with the connection once it first connects; rejects if the link is closed before. */
  async connection (): Promise<NatsConnection> {
    return await this.#ready
  }

  get isConnected (): boolean {
    return this.#connected
  }

  /** Called after each reconnect, e.g. so the relay publishes what piled up meanwhile. */
  onReconnect (listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close (): Promise<void> {
    this.#closing = true
    this.#rejectReady(new Error('NATS link closed'))
    const connection = this.#connection
    if (connection === undefined || connection.isClosed()) return
    // Drain flushes what is buffered; while disconnected it could wait for a server that never comes.
    await Promise.race([connection.drain().catch(() => {}), sleep(3000)])
    if (!connection.isClosed()) await connection.close()
  }

  async #connectLoop (): Promise<void> {
    const options: ConnectionOptions = {
      servers: this.options.servers.split(',').map((server) => server.trim()),
      name: this.options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      reconnectJitter: 250,
      timeout: 3000,
      // Notice a silently dead server within about 30 s rather than the default 4 minutes.
      pingInterval: 10_000,
      maxPingOut: 3
    }
    while (!this.#closing) {
      try {
        const connection = await connect(options)
        if (this.#closing) {
          await connection.close()
          return
        }
        this.#connection = connection
        this.#connected = true
        this.options.log.info({ server: connection.getServer() }, 'connected to NATS')
        void this.#watch(connection)
        this.#resolveReady(connection)
        return
      } catch (error) {
        this.options.log.warn({ err: error }, 'NATS not reachable, retrying')
        await sleep(this.options.retryDelayMs ?? 1000)
      }
    }
  }

  async #watch (connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.#connected = false
        if (!this.#closing) this.options.log.warn({ server: status.data }, 'disconnected from NATS, reconnecting')
      } else if (status.type === 'reconnect') {
        this.#connected = true
        this.options.log.info({ server: status.data }, 'reconnected to NATS')
        for (const listener of this.#listeners) listener()
      }
    }
    const error = await connection.closed()
    this.#connected = false
    if (!this.#closing) this.options.log.error({ err: error }, 'NATS connection closed for good')
  }
}
