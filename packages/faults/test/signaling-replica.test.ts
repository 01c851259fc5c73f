import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openPeer, waitFor, type WsPeer } from '@repo/testing'
import { startFleet, type Fleet } from '../src/fleet.js'
import { adminWithTest, startedSessions, type Scenario, type Session } from '../src/scenario.js'

// A signaling replica dies without any clean-up (SIGKILL) while a proctoring room has sockets on both
// replicas. The sockets it held close; their clients reconnect through the gateway, which must send
// them to the live replica; and the room goes on, across the peer that never left and the ones that
// came back; and once the replica is restarted, a socket it takes joins the same room.
const REPLICAS = 2

let fleet: Fleet
let scenario: Scenario
let session: Session

beforeAll(async () => {
  // Info logs: each replica logs the joins it took, which tells the test where each socket is.
  fleet = await startFleet({ replicas: { signaling: REPLICAS }, serviceEnv: { signaling: { LOG_LEVEL: 'info' } } })
  scenario = await adminWithTest(fleet.gatewayUrl)
  ;[session] = await startedSessions(scenario, 1, 'watched') as [Session]
})
afterAll(async () => { await fleet?.stop() })

type Placed = { peer: WsPeer, replica: number }

/** How many joins of this invite and side each replica has logged so far. */
function joinCounts (inviteId: string, side: 'applicant' | 'admin'): number[] {
  return Array.from({ length: REPLICAS }, (_, replica) => fleet.service('signaling', replica).output().split('\n').filter((line) => {
    if (!line.includes('joined a signaling room')) return false
    const entry = JSON.parse(line) as { inviteId?: string, side?: string }
    return entry.inviteId === inviteId && entry.side === side
  }).length)
}

/**
 * Joins the room through the gateway, as a client (re)connecting does, and answers which replica took
 * the socket (the one whose log gained a join). Signaling learns of a new invite from invitation's
 * events, so a join refused as unknown (4404) is tried again.
 */
async function join (side: 'applicant' | 'admin'): Promise<Placed> {
  const token = side === 'applicant' ? session.token : scenario.adminToken
  const url = `${fleet.gatewayUrl.replace(/^http/, 'ws')}/api/ws/signaling/${session.inviteId}?token=${encodeURIComponent(token)}`
  const before = joinCounts(session.inviteId, side)
  const peer = await waitFor(`the ${side} to join the room`, async () => {
    const opened = await openPeer(url)
    const joined = await Promise.race([opened.take('joined'), opened.closed])
    if ('type' in joined) return opened
    if (joined.code === 4404) return undefined
    throw new Error(`the ${side}'s join was refused: ${joined.code} ${joined.reason}`)
  }, 30_000)
  const replica = await waitFor(`the ${side}'s join to be logged`, () => {
    const index = joinCounts(session.inviteId, side).findIndex((count, at) => count > (before[at] ?? 0))
    return index === -1 ? undefined : index
  })
  return { peer, replica }
}

it('moves the killed replica\'s sockets to the live one, and the room carries messages both ways again', async () => {
  const applicant = await join('applicant')
  // Admin viewers join until both replicas hold one (round robin usually needs two).
  const admins: Placed[] = []
  while (new Set(admins.map((admin) => admin.replica)).size < REPLICAS) {
    if (admins.length === 6) throw new Error(`six admin sockets all went to replica ${admins[0]?.replica}`)
    admins.push(await join('admin'))
  }

  // Before the kill, the room works across the replicas.
  applicant.peer.send({ type: 'offer', sdp: 'v=0 first offer' })
  for (const admin of admins) expect(await admin.peer.take('offer')).toEqual({ type: 'offer', sdp: 'v=0 first offer', from: 'applicant' })
  admins.forEach((admin, index) => { admin.peer.send({ type: 'ice_candidate', candidate: { candidate: `before-${index}` } }) })
  const before = await Promise.all(admins.map(async () => await applicant.peer.take('ice_candidate')))
  expect(before.map((message) => (message.candidate as { candidate: string }).candidate).sort()).toEqual(admins.map((_, index) => `before-${index}`).sort())

  // The applicant's replica dies.
  const killed = applicant.replica
  await fleet.service('signaling', killed).kill('SIGKILL')
  const [lost, kept] = [admins.filter((admin) => admin.replica === killed), admins.filter((admin) => admin.replica !== killed)]
  expect(lost.length).toBeGreaterThan(0)
  expect(kept.length).toBeGreaterThan(0)
  // Every socket it held closes; the others stay open.
  await Promise.all([applicant, ...lost].map(async ({ peer }) => await waitFor('a socket on the killed replica to close', () => peer.isClosed() || undefined, 15_000)))
  expect(kept.map(({ peer }) => peer.isClosed())).toEqual(kept.map(() => false))

  // The clients reconnect through the gateway, which opens them on the live replica.
  for (const { peer } of kept) peer.received.length = 0
  const applicantAgain = await join('applicant')
  const lostAgain: Placed[] = []
  for (let index = 0; index < lost.length; index++) lostAgain.push(await join('admin'))
  const survivor = 1 - killed
  expect([applicantAgain, ...lostAgain].map((placed) => placed.replica)).toEqual([applicantAgain, ...lostAgain].map(() => survivor))
  // The admins that stayed see the applicant come back.
  for (const { peer } of kept) expect(await peer.take('peer_joined')).toEqual({ type: 'peer_joined', role: 'applicant' })

  // The same room carries messages both ways again: to and from the admins that stayed and the ones that came back.
  const viewers = [...kept, ...lostAgain]
  applicantAgain.peer.send({ type: 'offer', sdp: 'v=0 offer after the kill' })
  for (const viewer of viewers) expect(await viewer.peer.take('offer')).toEqual({ type: 'offer', sdp: 'v=0 offer after the kill', from: 'applicant' })
  viewers.forEach((viewer, index) => { viewer.peer.send({ type: 'answer', sdp: `v=0 answer ${index}` }) })
  const answers = await Promise.all(viewers.map(async () => await applicantAgain.peer.take('answer')))
  expect(answers.map((message) => message.sdp).sort()).toEqual(viewers.map((_, index) => `v=0 answer ${index}`).sort())
  expect(answers.every((message) => message.from === 'admin')).toBe(true)
  expect([applicantAgain, ...viewers].map(({ peer }) => peer.isClosed())).toEqual([applicantAgain, ...viewers].map(() => false))

  // The replica comes back; a viewer that lands on it is in the same room as the applicant on the other.
  await fleet.service('signaling', killed).start()
  // The gateway tries a replica that recently refused a connection last for a couple of seconds, so
  // viewers keep joining (a little apart) until one lands on the restarted replica.
  const latecomers: Placed[] = []
  const giveUpAt = Date.now() + 20_000
  while (latecomers.every((latecomer) => latecomer.replica !== killed)) {
    if (Date.now() > giveUpAt) throw new Error(`${latecomers.length} admin sockets all avoided the restarted replica`)
    if (latecomers.length > 0) await sleep(250)
    latecomers.push(await join('admin'))
  }
  const latecomer = latecomers.find((placed) => placed.replica === killed) as Placed
  applicantAgain.peer.send({ type: 'ice_candidate', candidate: { candidate: 'after-restart' } })
  expect(await latecomer.peer.take('ice_candidate')).toEqual({ type: 'ice_candidate', candidate: { candidate: 'after-restart' }, from: 'applicant' })
  latecomer.peer.send({ type: 'bye' })
  expect(await applicantAgain.peer.take('bye')).toEqual({ type: 'bye', from: 'admin' })

  for (const { peer } of [applicantAgain, ...viewers, ...latecomers]) peer.socket.close()
})
