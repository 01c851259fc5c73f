import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { waitFor } from '@repo/testing'
import { createHarness, listen, outbox, startedInvite, type Harness } from './helpers.js'
import { closeAll, joinRoom, openPeer, roomPath, type Peer } from './ws-client.js'

describe('WebSocket signaling rooms (D16)', () => {
  let harness: Harness
  let base: string
  let replicaBase: string
  const peers: Peer[] = []
  const track = (peer: Peer) => { peers.push(peer); return peer }

  beforeAll(async () => {
    harness = await createHarness({ WS_PING_INTERVAL_MS: '200' })
    base = await listen(harness.app)
    const replica = await harness.replica({ WS_PING_INTERVAL_MS: '200' })
    replicaBase = await listen(replica.app)
  })
  afterAll(async () => {
    closeAll(...peers)
    await harness.cleanup()
  })

  /** Offer from the applicant, answer from the admin, a candidate each way; nothing is echoed. */
  async function exchange (applicant: Peer, admin: Peer): Promise<void> {
    applicant.send({ type: 'offer', sdp: 'v=0 offer', extra: 1 })
    expect(await admin.take('offer')).toEqual({ type: 'offer', sdp: 'v=0 offer', extra: 1, from: 'applicant' })
    admin.send({ type: 'answer', sdp: 'v=0 answer' })
    expect(await applicant.take('answer')).toEqual({ type: 'answer', sdp: 'v=0 answer', from: 'admin' })
    applicant.send({ type: 'ice_candidate', candidate: { candidate: 'candidate:1', sdpMid: '0' } })
    admin.send({ type: 'ice_candidate', candidate: { candidate: 'candidate:2', sdpMid: '0' } })
    expect(await admin.take('ice_candidate')).toMatchObject({ candidate: { candidate: 'candidate:1' }, from: 'applicant' })
    expect(await applicant.take('ice_candidate')).toMatchObject({ candidate: { candidate: 'candidate:2' }, from: 'admin' })
    admin.send({ type: 'bye' })
    expect(await applicant.take('bye')).toEqual({ type: 'bye', from: 'admin' })
    // Never echoed back to the sender.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(applicant.received.filter((message) => ['offer', 'ice_candidate'].includes(message.type ?? '') && message.from === 'applicant')).toEqual([])
    expect(admin.received.filter((message) => ['answer', 'ice_candidate', 'bye'].includes(message.type ?? '') && message.from === 'admin')).toEqual([])
  }

  const connectedEvents = async (inviteId: string) =>
    (await outbox(harness.admin, 'inviteId', inviteId)).filter((row) => row.subject === catalog.signaling.SessionConnectedV1.subject)

  it('relays a full offer/answer/candidate exchange between the applicant (invite token) and an admin', async () => {
    const invite = await startedInvite(harness)
    const applicant = track(await joinRoom(base, invite.inviteId, invite.inviteToken))
    const admin = track(await joinRoom(base, invite.inviteId, harness.caller('admin').token))
    expect(await applicant.take('peer_joined')).toEqual({ type: 'peer_joined', role: 'admin' })
    await exchange(applicant, admin)

    // The answer connected the session and told grading, once.
    await waitFor('the session to be connected', async () => (await connectedEvents(invite.inviteId)).length === 1 || undefined)
    const { rows } = await harness.admin.query<{ status: string }>('SELECT status FROM signaling.sessions WHERE invite_id = $1', [invite.inviteId])
    expect(rows[0]?.status).toBe('connected')

    admin.socket.close()
    expect(await applicant.take('peer_left')).toEqual({ type: 'peer_left', role: 'admin' })
  })

  it('holds frames sent before the join completes and relays them once joined', async () => {
    const invite = await startedInvite(harness)
    const admin = track(await joinRoom(base, invite.inviteId, harness.caller('admin').token))
    const applicant = track(await openPeer(base, roomPath(invite.inviteId, invite.inviteToken)))
    applicant.send({ type: 'offer', sdp: 'sent at once' })
    expect(await admin.take('offer')).toMatchObject({ sdp: 'sent at once', from: 'applicant' })
  })

  it('relays between peers on two replicas (NATS core), to every admin viewer, with the applicant\'s own token', async () => {
    const invite = await startedInvite(harness)
    const applicant = track(await joinRoom(base, invite.inviteId, harness.caller('applicant', invite.applicantEmail).token))
    const admin = track(await joinRoom(replicaBase, invite.inviteId, harness.caller('admin').token))
    const viewer = track(await joinRoom(base, invite.inviteId, harness.caller('admin').token))
    expect(await applicant.take('peer_joined')).toEqual({ type: 'peer_joined', role: 'admin' })
    await exchange(applicant, admin)
    // The second viewer (on the applicant's replica) saw the applicant's side of it, not the other admin's.
    expect(await viewer.take('offer')).toMatchObject({ sdp: 'v=0 offer', from: 'applicant' })
    expect(viewer.received.some((message) => message.from === 'admin')).toBe(false)
    await waitFor('the session to be connected', async () => (await connectedEvents(invite.inviteId)).length === 1 || undefined)
  })

  it('keeps one applicant socket per room: a newer one replaces the old (4409), across replicas too', async () => {
    const invite = await startedInvite(harness)
    const first = track(await joinRoom(base, invite.inviteId, invite.inviteToken))
    const admin = track(await joinRoom(base, invite.inviteId, harness.caller('admin').token))
    const second = track(await joinRoom(replicaBase, invite.inviteId, invite.inviteToken))
    expect(await first.closed).toEqual({ code: 4409, reason: 'Replaced by a newer applicant connection' })
    await admin.take('peer_joined')
    second.send({ type: 'offer', sdp: 'from the new one' })
    expect(await admin.take('offer')).toMatchObject({ sdp: 'from the new one', from: 'applicant' })
    // The replaced socket's going is not announced as the applicant leaving.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(admin.received.some((message) => message.type === 'peer_left')).toBe(false)
  })

  it('refuses joins with a clear close code: no token, bad token, wrong applicant, wrong invite token, unknown invite', async () => {
    const invite = await startedInvite(harness)
    const refused = async (path: string) => await (await openPeer(base, path)).closed

    expect(await refused(roomPath(invite.inviteId))).toMatchObject({ code: 4401, reason: expect.stringContaining('Not authenticated') })
    expect(await refused(roomPath(invite.inviteId, 'aaa.bbb.ccc'))).toEqual({ code: 4401, reason: 'Could not validate credentials' })
    expect(await refused(roomPath(invite.inviteId, harness.caller('applicant').token))).toEqual({ code: 4403, reason: 'Not allowed to signal for this invite' })
    expect(await refused(roomPath(invite.inviteId, 'another-invites-token'))).toEqual({ code: 4403, reason: 'Not allowed to signal for this invite' })
    expect(await refused(roomPath(randomUUID(), harness.caller('admin').token))).toEqual({ code: 4404, reason: 'Invite not found' })
    expect(await refused(roomPath('not-a-uuid', harness.caller('admin').token))).toEqual({ code: 4404, reason: 'Invite not found' })
  })

  it('closes a socket that sends an oversized, malformed, unknown, incomplete or binary message', async () => {
    const invite = await startedInvite(harness)
    const admin = harness.caller('admin').token
    const cases: [unknown, number, string][] = [
      [JSON.stringify({ type: 'offer', sdp: 'x'.repeat(70_000) }), 4413, 'Message too large (max 65536 bytes)'],
      ['{not json', 4400, 'Malformed JSON'],
      [JSON.stringify(['offer']), 4400, 'A message must be a JSON object'],
      [JSON.stringify({ type: 'hello' }), 4400, 'Unknown message type (offer, answer, ice_candidate or bye)'],
      [JSON.stringify({ type: 'offer' }), 4400, 'An offer needs a string sdp'],
      [JSON.stringify({ type: 'ice_candidate' }), 4400, 'An ice_candidate needs a candidate']
    ]
    const applicant = track(await joinRoom(base, invite.inviteId, invite.inviteToken))
    for (const [message, code, reason] of cases) {
      const peer = await joinRoom(base, invite.inviteId, admin)
      peer.send(message)
      expect(await peer.closed).toEqual({ code, reason })
    }
    const binary = await joinRoom(base, invite.inviteId, admin)
    binary.socket.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await binary.closed).toEqual({ code: 4400, reason: 'Messages must be JSON text' })
    // None of it reached the other side.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(applicant.received.filter((message) => message.type !== 'peer_joined' && message.type !== 'peer_left')).toEqual([])
  })

  it('closes a socket that sends more than the rate limit (4429)', async () => {
    const invite = await startedInvite(harness)
    const peer = await joinRoom(base, invite.inviteId, harness.caller('admin').token)
    for (let index = 0; index < 60; index++) peer.send({ type: 'ice_candidate', candidate: { candidate: `c${index}` } })
    expect(await peer.closed).toEqual({ code: 4429, reason: 'Rate limit exceeded (50 messages per second)' })
  })

  it('drops a socket that stops answering pings', async () => {
    const invite = await startedInvite(harness)
    const admin = track(await joinRoom(base, invite.inviteId, harness.caller('admin').token))
    const silent = await openPeer(base, roomPath(invite.inviteId, invite.inviteToken), { autoPong: false })
    await silent.take('joined')
    expect((await silent.closed).code).toBe(1006)
    expect(await admin.take('peer_left')).toEqual({ type: 'peer_left', role: 'applicant' })
  })

  it('closes a socket whose access token expires while it is open (4401), checked at each heartbeat', async () => {
    const invite = await startedInvite(harness)
    const id = randomUUID()
    const shortLived = harness.issuer.sign({ sub: id, role: 'admin', email: `admin-${id}@example.com` }, { expiresInSeconds: 1 })
    const admin = await joinRoom(base, invite.inviteId, shortLived)
    expect(await admin.closed).toEqual({ code: 4401, reason: 'Credentials expired or revoked' })
  })

  it('closes room sockets when the app closes (1001)', async () => {
    const invite = await startedInvite(harness)
    const replica = await harness.replica()
    const peer = await joinRoom(await listen(replica.app), invite.inviteId, invite.inviteToken)
    await replica.app.close()
    expect(await peer.closed).toEqual({ code: 1001, reason: 'Server shutting down' })
  })
})
