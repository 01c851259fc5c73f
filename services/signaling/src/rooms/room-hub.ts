import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { NatsConnection, Subscription } from 'nats'
import type { RawData, WebSocket } from 'ws'
import type { NatsLink, Naming } from '@repo/events'
import type { Side } from '../use-cases/authorize-side.js'
import { CloseCodes, parseRoomMessage, type RoomMessage } from './room-messages.js'

/** One socket in a room. */
export type Member = {
  id: string
  socket: WebSocket
  side: Side
  /** Answered the last ping (heartbeat). */
  alive: boolean
  /** Closed because a newer applicant socket took its place: its leaving is not announced. */
  replaced: boolean
  windowStartedAt: number
  messagesInWindow: number
  /** The access token it joined with, checked again at every heartbeat (an invite token does not expire). */
  accessToken: string | undefined
}

type Room = {
  inviteId: string
  members: Set<Member>
  subscription: Subscription | undefined
  /** This replica already recorded the session as connected for this room's lifetime. */
  connectedRecorded: boolean
}

/** What replicas tell each other on an invite's room subject; `origin` keeps a replica from re-delivering its own. */
type WireMessage =
  | { origin: string, kind: 'relay', from: Side, message: RoomMessage }
  | { origin: string, kind: 'joined' | 'left', side: Side, member: string }

export type RoomHubOptions = {
  link: NatsLink
  names: Naming
  log: FastifyBaseLogger
  maxMessageBytes: number
  ratePerSecond: number
  pingIntervalMs: number
  /** Called (once per room and replica) when an answer is relayed: the session is connected. */
  onAnswer: (inviteId: string) => Promise<void>
  /**
   * Checks a member's access token again (expiry and revocation, D6); throws when it no longer holds.
   * Called at each heartbeat, so a revoked or expired token loses its socket within a ping interval.
   */
  reverify: (accessToken: string) => Promise<void>
  /** Whether a reverify failure means the token is bad (rather than, e.g., identity's keys out of reach). */
  isCredentialFailure: (error: unknown) => boolean
}

const otherSide = (side: Side): Side => side === 'admin' ? 'applicant' : 'admin'

/**
 * The WebSocket rooms (D16): one per invite, holding at most one applicant socket and any number of
 * admin viewers. A message goes to the local sockets of the other side and, over the NATS core subject
 * `<prefix>.rooms.signaling.<invite id>`, to the other replicas, which deliver it to theirs. (Not
 * under `signaling.>`: that is signaling's JetStream stream, which would store every message.) A
 * replica subscribes to a room's subject while it holds a socket of that room.
 *
 * A second applicant socket replaces the first (closed with 4409), on any replica: a reloaded test page
 * must not be locked out until the heartbeat notices its old, dead socket.
 */
export class RoomHub {
  readonly replicaId = randomUUID()
  readonly #rooms = new Map<string, Room>()
  readonly #options: RoomHubOptions
  #nats: NatsConnection | undefined
  #heartbeat: NodeJS.Timeout | undefined
  #closing = false

  constructor (options: RoomHubOptions) {
    this.#options = options
  }

  start (): void {
    this.#options.link.connection().then((connection) => { this.#nats = connection }, () => {})
    this.#heartbeat ??= setInterval(() => { this.#beat() }, this.#options.pingIntervalMs)
    this.#heartbeat.unref()
  }

  /** Sockets currently held on this replica, per invite (tests, health). */
  size (inviteId: string): number {
    return this.#rooms.get(inviteId)?.members.size ?? 0
  }

  /**
   * Adds a socket to its invite's room. Resolves once this replica listens on the room's subject, so
   * the `joined` the socket then gets means messages from every replica reach it.
   */
  async join (inviteId: string, side: Side, socket: WebSocket, accessToken?: string): Promise<Member> {
    const member: Member = { id: randomUUID(), socket, side, alive: true, replaced: false, windowStartedAt: Date.now(), messagesInWindow: 0, accessToken }
    let room = this.#rooms.get(inviteId)
    if (room === undefined) {
      room = { inviteId, members: new Set(), subscription: this.#subscribe(inviteId), connectedRecorded: false }
      this.#rooms.set(inviteId, room)
    } else {
      // A room opened while NATS was not connected yet listens as soon as it is.
      room.subscription ??= this.#subscribe(inviteId)
    }
    if (side === 'applicant') this.#replaceApplicants(room, member.id)
    room.members.add(member)
    socket.on('pong', () => { member.alive = true })
    if (room.subscription !== undefined && this.#nats !== undefined) await this.#nats.flush().catch(() => {})
    this.#send(member, JSON.stringify({ type: 'joined', role: side, invite_id: inviteId }))
    this.#deliver(room, otherSide(side), JSON.stringify({ type: 'peer_joined', role: side }))
    this.#publish(inviteId, { origin: this.replicaId, kind: 'joined', side, member: member.id })
    return member
  }

  leave (inviteId: string, member: Member): void {
    const room = this.#rooms.get(inviteId)
    if (room === undefined || !room.members.delete(member)) return
    if (!member.replaced && !this.#closing) {
      this.#deliver(room, otherSide(member.side), JSON.stringify({ type: 'peer_left', role: member.side }))
      this.#publish(inviteId, { origin: this.replicaId, kind: 'left', side: member.side, member: member.id })
    }
    if (room.members.size === 0) {
      room.subscription?.unsubscribe()
      this.#rooms.delete(inviteId)
    }
  }

  /** One frame from a member: rate limit, validation, then relay to the other side (local and remote). */
  handle (inviteId: string, member: Member, data: RawData, isBinary: boolean): void {
    const now = Date.now()
    if (now - member.windowStartedAt >= 1000) {
      member.windowStartedAt = now
      member.messagesInWindow = 0
    }
    if (++member.messagesInWindow > this.#options.ratePerSecond) {
      this.#refuse(member.socket, CloseCodes.rateLimited, `Rate limit exceeded (${this.#options.ratePerSecond} messages per second)`)
      return
    }
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    const parsed = parseRoomMessage(buffer, isBinary, this.#options.maxMessageBytes)
    if ('refusal' in parsed) {
      this.#refuse(member.socket, parsed.refusal.code, parsed.refusal.reason)
      return
    }
    const room = this.#rooms.get(inviteId)
    if (room === undefined) return
    this.#deliver(room, otherSide(member.side), JSON.stringify({ ...parsed.message, from: member.side }))
    this.#publish(inviteId, { origin: this.replicaId, kind: 'relay', from: member.side, message: parsed.message })
    if (parsed.message.type === 'answer' && !room.connectedRecorded) {
      room.connectedRecorded = true
      this.#options.onAnswer(inviteId).catch((error: unknown) => {
        room.connectedRecorded = false
        this.#options.log.error({ err: error, inviteId }, 'could not record the session as connected')
      })
    }
  }

  /** Closes every socket (1001) and leaves every subject; the app is closing. */
  close (): void {
    this.#closing = true
    clearInterval(this.#heartbeat)
    for (const room of this.#rooms.values()) {
      for (const member of room.members) this.#refuse(member.socket, CloseCodes.goingAway, 'Server shutting down')
      room.subscription?.unsubscribe()
    }
    this.#rooms.clear()
  }

  #subscribe (inviteId: string): Subscription | undefined {
    const nats = this.#nats
    if (nats === undefined || nats.isClosed()) {
      this.#options.log.warn({ inviteId }, 'NATS is not connected: this room reaches only sockets of this replica')
      return undefined
    }
    return nats.subscribe(this.#subject(inviteId), {
      callback: (error, message) => {
        if (error !== null) {
          this.#options.log.warn({ err: error, inviteId }, 'room subscription failed')
          return
        }
        this.#onRemote(inviteId, message.data)
      }
    })
  }

  #onRemote (inviteId: string, data: Uint8Array): void {
    let wire: WireMessage
    try {
      wire = JSON.parse(Buffer.from(data).toString('utf8')) as WireMessage
    } catch {
      return
    }
    if (wire.origin === this.replicaId) return
    const room = this.#rooms.get(inviteId)
    if (room === undefined) return
    if (wire.kind === 'relay') {
      this.#deliver(room, otherSide(wire.from), JSON.stringify({ ...wire.message, from: wire.from }))
      return
    }
    if (wire.kind === 'joined' && wire.side === 'applicant') this.#replaceApplicants(room, wire.member)
    this.#deliver(room, otherSide(wire.side), JSON.stringify({ type: wire.kind === 'joined' ? 'peer_joined' : 'peer_left', role: wire.side }))
  }

  #replaceApplicants (room: Room, keep: string): void {
    for (const member of room.members) {
      if (member.side !== 'applicant' || member.id === keep) continue
      member.replaced = true
      room.members.delete(member)
      this.#refuse(member.socket, CloseCodes.replaced, 'Replaced by a newer applicant connection')
    }
  }

  #deliver (room: Room, side: Side, text: string): void {
    for (const member of room.members) if (member.side === side) this.#send(member, text)
  }

  #send (member: Member, text: string): void {
    if (member.socket.readyState === member.socket.OPEN) member.socket.send(text)
  }

  #publish (inviteId: string, wire: WireMessage): void {
    const nats = this.#nats
    if (nats === undefined || nats.isClosed()) return
    try {
      nats.publish(this.#subject(inviteId), JSON.stringify(wire))
    } catch (error) {
      this.#options.log.warn({ err: error, inviteId }, 'could not relay a room message to the other replicas')
    }
  }

  #subject (inviteId: string): string {
    return this.#options.names.subject(`rooms.signaling.${inviteId}`)
  }

  #refuse (socket: WebSocket, code: number, reason: string): void {
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason)
  }

  #beat (): void {
    for (const room of this.#rooms.values()) {
      for (const member of room.members) {
        if (member.socket.readyState === member.socket.CLOSED) {
          this.leave(room.inviteId, member)
          continue
        }
        if (!member.alive) {
          member.socket.terminate()
          continue
        }
        member.alive = false
        member.socket.ping()
        if (member.accessToken !== undefined) this.#reverify(member, member.accessToken)
      }
    }
  }

  #reverify (member: Member, accessToken: string): void {
    this.#options.reverify(accessToken).catch((error: unknown) => {
      if (this.#options.isCredentialFailure(error)) this.#refuse(member.socket, CloseCodes.unauthenticated, 'Credentials expired or revoked')
    })
  }
}
