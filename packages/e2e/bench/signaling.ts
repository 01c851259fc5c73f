// Signaling relay latency with many rooms open: every room gets its two peers (the applicant with the
// invite token, the admin with an access token), each on its own WebSocket through the gateway, and
// they all stay open while timestamped relay messages go between the two peers of rooms taken in turn,
// at a modest steady rate, alternately from the applicant to the admin and back. The latency of a
// message is from the send call to its arrival on the other peer (same process, same clock): the
// gateway's proxy, signaling's room hub and its NATS hop for other replicas are all on the way. Both
// directions are reported, and together.
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import { round, untilDue } from './bench-kit.js'
import { percentiles, type Percentiles } from './grading-latency.js'
import { inParallel, type Scenario, type Session } from './scenario.js'

/** Opening sockets at once: enough to open 1000 in seconds, few enough not to be a connection storm. */
const OPEN_CONCURRENCY = 16
/** How long a join may be refused while signaling learns of the invites and their tokens from invitation's events. */
const KNOWN_WAIT_MS = 30_000
/** How long after the last send a message may still arrive before it counts as lost. */
const ARRIVAL_WAIT_MS = 5_000

type Side = 'applicant' | 'admin'
type Peer = { socket: WebSocket, side: Side }
type Room = { applicant: Peer, admin: Peer }

export type RelayRun = {
  rooms: number
  sockets: number
  perSecond: number
  seconds: number
  /** Sent to the other peer, by the side that sent it, and all together; latencies in ms. */
  applicantToAdmin: Percentiles
  adminToApplicant: Percentiles
  both: Percentiles
  lost: number
}

type Sent = { sentAt: number, arrivedAt?: number, from: Side }

/** Opens one room socket and resolves once it is `joined`; rejects with the close code when refused. */
async function join (url: string, side: Side, onRelay: (message: Record<string, unknown>, arrivedAt: number) => void): Promise<Peer> {
  const socket = new WebSocket(url)
  return await new Promise<Peer>((resolve, reject) => {
    socket.on('message', (data) => {
      const arrivedAt = performance.now()
      const message = JSON.parse(String(data)) as Record<string, unknown>
      if (message.type === 'joined') resolve({ socket, side })
      else if (message.type === 'ice_candidate') onRelay(message, arrivedAt)
    })
    socket.on('close', (code, reason) => { reject(new Error(`${side} socket closed with ${code} ${reason.toString('utf8')}`)) })
    socket.on('error', () => {})
  })
}

/**
 * Joins, again while signaling does not know the invite (4404) or its token (4403) yet: the created and
 * started events may still be on their way. Bounded, so a real refusal still fails the benchmark.
 */
async function joinWhenKnown (url: string, side: Side, onRelay: (message: Record<string, unknown>, arrivedAt: number) => void): Promise<Peer> {
  const deadline = performance.now() + KNOWN_WAIT_MS
  for (;;) {
    try {
      return await join(url, side, onRelay)
    } catch (error) {
      if (!/ 440[34] /.test(String(error)) || performance.now() > deadline) throw error
      await sleep(250)
    }
  }
}

/**
 * Opens a room per session (`sessions`: invites, started or not), sends `perSecond` relay messages for
 * `seconds`, closes every socket, and reports. Throws when a message is lost.
 */
export async function relayLatency (scenario: Scenario, sessions: readonly Session[], perSecond: number, seconds: number): Promise<RelayRun> {
  const sent = new Map<number, Sent>()
  const onRelay = (message: Record<string, unknown>, arrivedAt: number): void => {
    const candidate = message.candidate as { seq?: unknown } | undefined
    const record = typeof candidate?.seq === 'number' ? sent.get(candidate.seq) : undefined
    if (record !== undefined && record.arrivedAt === undefined) record.arrivedAt = arrivedAt
  }
  const wsBase = `${scenario.gatewayUrl.replace(/^http/, 'ws')}/api/ws/signaling`
  const roomUrl = (inviteId: string, token: string) => `${wsBase}/${inviteId}?token=${encodeURIComponent(token)}`

  const rooms: Room[] = []
  try {
    await inParallel(sessions, OPEN_CONCURRENCY / 2, async (session) => {
      const applicant = await joinWhenKnown(roomUrl(session.inviteId, session.token), 'applicant', onRelay)
      try {
        rooms.push({ applicant, admin: await joinWhenKnown(roomUrl(session.inviteId, scenario.adminToken), 'admin', onRelay) })
      } catch (error) {
        applicant.socket.close()
        throw error
      }
    })

    const total = Math.round(perSecond * seconds)
    const started = performance.now()
    for (let seq = 0; seq < total; seq++) {
      await untilDue(started, seq, perSecond)
      const room = rooms[seq % rooms.length] as Room
      const from: Side = seq % 2 === 0 ? 'applicant' : 'admin'
      sent.set(seq, { sentAt: performance.now(), from })
      room[from].socket.send(JSON.stringify({ type: 'ice_candidate', candidate: { candidate: `candidate:${seq} bench`, sdpMid: '0', seq } }))
    }
    const elapsed = (performance.now() - started) / 1000
    const deadline = performance.now() + ARRIVAL_WAIT_MS
    while ([...sent.values()].some((record) => record.arrivedAt === undefined) && performance.now() < deadline) await sleep(50)

    const latencies = (from?: Side) => [...sent.values()]
      .filter((record) => record.arrivedAt !== undefined && (from === undefined || record.from === from))
      .map((record) => (record.arrivedAt as number) - record.sentAt)
    const lost = [...sent.values()].filter((record) => record.arrivedAt === undefined).length
    const results = {
      rooms: rooms.length,
      sockets: rooms.length * 2,
      perSecond,
      seconds: round(elapsed),
      applicantToAdmin: percentiles(latencies('applicant')),
      adminToApplicant: percentiles(latencies('admin')),
      both: percentiles(latencies()),
      lost
    }
    if (lost > 0) throw new Error(`signaling: ${lost} of ${total} relayed messages never arrived: ${JSON.stringify(results)}`)
    return results
  } finally {
    await closeAll(rooms)
  }
}

async function closeAll (rooms: readonly Room[]): Promise<void> {
  const sockets = rooms.flatMap((room) => [room.applicant.socket, room.admin.socket])
  await Promise.all(sockets.map(async (socket) => {
    if (socket.readyState === WebSocket.CLOSED) return
    const closed = new Promise<void>((resolve) => socket.once('close', () => { resolve() }))
    socket.close()
    await Promise.race([closed, sleep(5000)])
  }))
}
