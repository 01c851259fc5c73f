import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import { listenOnChannel, type ChannelListener } from '@repo/db'
import type { WebSocket } from 'ws'
import type { VerifyAccessToken } from '@repo/auth'
import { AppError } from '@repo/kit'
import type { SignalingDb } from '../db/database.js'
import { findNotification, NOTIFICATIONS_CHANNEL, type NotificationWake } from '../db/notifications.js'
import { CloseCodes } from '../rooms/room-messages.js'
import { notificationView } from './notification-view.js'

/** One admin socket on this replica. */
type Watcher = {
  adminId: string
  socket: WebSocket
  /** The `?token=` it connected with, checked again at every heartbeat (expiry, revocation: D6). */
  token: string
  /** Answered the last ping. */
  alive: boolean
}

export type NotificationHubOptions = {
  pool: pg.Pool
  db: SignalingDb
  verify: VerifyAccessToken
  log: FastifyBaseLogger
  pingIntervalMs: number
}

/**
 * Pushes admin notifications to the admin sockets of this replica (D16).
 *
 * The consumer that makes a notification (on whichever replica took the event) announces it with
 * `pg_notify` inside its inbox transaction; Postgres delivers it at commit, to every session that
 * LISTENs on the channel, which is one connection of every replica. So the push can never come before
 * the row is visible, never comes for a rolled-back one, and reaches every replica without a second bus
 * (a NATS publish would need an after-commit hook the subscription API does not have). Each replica
 * reads the row and sends it to its sockets of that admin.
 *
 * A push can be lost (the listener's connection drops, a replica restarts): that is accepted, since
 * `GET /api/admin/notifications` keeps every notification; clients re-read the list on reconnect.
 */
export class NotificationHub {
  readonly #watchers = new Map<string, Set<Watcher>>()
  readonly #options: NotificationHubOptions
  readonly #listener: ChannelListener
  #heartbeat: NodeJS.Timeout | undefined

  constructor (options: NotificationHubOptions) {
    this.#options = options
    this.#listener = listenOnChannel({
      pool: options.pool,
      channel: NOTIFICATIONS_CHANNEL,
      onNotification: (payload) => { if (payload !== undefined) this.#deliver(payload) },
      log: options.log,
      what: 'notification listener (pushes are missed while it is away)'
    })
  }

  /** How many admin sockets this replica holds. */
  get size (): number {
    let size = 0
    for (const set of this.#watchers.values()) size += set.size
    return size
  }

  /** Starts listening and the heartbeat. */
  start (): void {
    this.#listener.start()
    this.#heartbeat ??= setInterval(() => { this.#beat() }, this.#options.pingIntervalMs)
  }

  /** Adds an admin's socket; it leaves by closing. */
  add (adminId: string, socket: WebSocket, token: string): void {
    const watcher: Watcher = { adminId, socket, token, alive: true }
    let set = this.#watchers.get(adminId)
    if (set === undefined) {
      set = new Set()
      this.#watchers.set(adminId, set)
    }
    set.add(watcher)
    socket.on('pong', () => { watcher.alive = true })
    socket.on('close', () => {
      const current = this.#watchers.get(adminId)
      current?.delete(watcher)
      if (current?.size === 0) this.#watchers.delete(adminId)
    })
  }

  /** Stops listening and closes every socket (1001, going away). */
  async close (): Promise<void> {
    clearInterval(this.#heartbeat)
    for (const set of this.#watchers.values()) {
      for (const watcher of set) watcher.socket.close(CloseCodes.goingAway, 'Server shutting down')
    }
    this.#watchers.clear()
    await this.#listener.stop()
  }

  #deliver (payload: string): void {
    let wake: NotificationWake
    try {
      wake = JSON.parse(payload) as NotificationWake
    } catch {
      return
    }
    const set = this.#watchers.get(wake.adminId)
    if (set === undefined || set.size === 0) return
    findNotification(this.#options.db, wake.adminId, wake.id).then((row) => {
      // Gone already (cleared, or the admin erased) between the commit and this read.
      if (row === undefined) return
      const frame = JSON.stringify({ type: 'notification', notification: notificationView(row) })
      for (const watcher of this.#watchers.get(wake.adminId) ?? []) {
        if (watcher.socket.readyState === watcher.socket.OPEN) watcher.socket.send(frame)
      }
    }, (error: unknown) => {
      this.#options.log.warn({ err: error, notification: wake.id }, 'could not read a notification to push it')
    })
  }

  /**
   * Drops sockets that did not answer the previous ping, pings the others, and closes those whose token
   * has expired or been revoked since they connected (4401).
   */
  #beat (): void {
    for (const set of this.#watchers.values()) {
      for (const watcher of set) {
        if (!watcher.alive) {
          watcher.socket.terminate()
          continue
        }
        watcher.alive = false
        watcher.socket.ping()
        this.#options.verify(watcher.token).catch((error: unknown) => {
          if (error instanceof AppError && error.statusCode === 401) watcher.socket.close(CloseCodes.unauthenticated, 'Token expired or revoked')
        })
      }
    }
  }
}
