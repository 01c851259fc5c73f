import { beforeAll, describe, expect, inject, it } from 'vitest'
import { openPeer as openWsPeer, waitFor, type WsPeer } from '@repo/testing'
import { client, screeningTest, type Json } from '../src/client.js'
import { SUPERADMIN } from '../src/superadmin.js'

// Signaling's public surface through the gateway (API.md 2.8, D15, D16): the applicant starts a test,
// the proctoring session is negotiated over the HTTP mailbox and over a WebSocket room, and grading
// learns that the invite was monitored.
const gatewayUrl = inject('gatewayUrl')
const api = client(`${gatewayUrl}/api`)
const wsBase = gatewayUrl.replace(/^http/, 'ws')
const unique = Date.now().toString(36)
const applicant = { email: `proctored-${unique}@example.com`, full_name: 'Pat Proctored' }

/** A socket on the gateway, by path (the shared helper takes whole URLs). */
const openPeer = async (path: string): Promise<WsPeer> => await openWsPeer(`${wsBase}${path}`)

const roomPath = (inviteId: string, token: string) => `/api/ws/signaling/${inviteId}?token=${encodeURIComponent(token)}`

describe('signaling through the gateway', () => {
  let adminToken: string
  let test: Json
  let invite: Json
  let notifications: WsPeer

  beforeAll(async () => {
    adminToken = await api.login(SUPERADMIN.email, SUPERADMIN.password)
    // The admin watches notifications live (D16) before the applicant starts.
    notifications = await openPeer(`/api/ws/notifications?token=${encodeURIComponent(adminToken)}`)
    await notifications.take('ready')
    const created = await api.post('/tests', screeningTest(`Signaling e2e ${unique}`), adminToken)
    expect(created.status, JSON.stringify(created.body)).toBe(200)
    test = created.body
    const invited = await api.post('/invites', { test_id: test.id, applicant_email: applicant.email, applicant_name: applicant.full_name }, adminToken)
    expect(invited.status, JSON.stringify(invited.body)).toBe(200)
    invite = invited.body
    expect((await api.post(`/start-test/${invite.invite_token as string}`)).status).toBe(200)
  })

  it('pushes test_started to the admin\'s notification socket, with the invite id the monitoring view opens', async () => {
    const pushed = await waitFor('the test_started notification', () =>
      notifications.received.find((message) => message.type === 'notification' && (message.notification as Json)?.data?.invite_id === invite.id))
    expect(pushed.notification).toMatchObject({ type: 'test_started', is_read: false })
    notifications.socket.close()
    const listed = await api.get('/admin/notifications', adminToken)
    expect(listed.body.notifications).toContainEqual(expect.objectContaining({ type: 'test_started', data: expect.objectContaining({ invite_id: invite.id }) }))
  })

  it('negotiates over the HTTP mailbox: the applicant (no credentials, as the original page) offers, the admin answers', async () => {
    const inviteId = invite.id as string
    // Signaling learns that the invite is in progress from invitation's events.
    await waitFor('signaling to know the invite is in progress', async () =>
      (await api.post(`/webrtc/start-session/${inviteId}`)).status === 200 || undefined)
    expect((await api.get(`/webrtc/signals/${inviteId}`, adminToken)).body).toMatchObject({ signals: [], session_status: 'initializing' })

    const offer = await api.post('/webrtc/offer', { type: 'offer', sdp: 'v=0 applicant offer', invite_id: inviteId })
    expect(offer.status, JSON.stringify(offer.body)).toBe(200)
    expect(offer.body).toMatchObject({ status: 'offer_sent' })
    await api.post('/webrtc/ice-candidate', { candidate: { candidate: 'candidate:1', sdpMid: '0' }, invite_id: inviteId })

    const forAdmin = await api.get(`/webrtc/signals/${inviteId}`, adminToken)
    expect(forAdmin.body.signals.map((signal: Json) => [signal.type, signal.from])).toEqual([['offer', 'applicant'], ['ice_candidate', 'applicant']])
    expect(forAdmin.body.signals[0].data).toMatchObject({ sdp: 'v=0 applicant offer' })

    const answer = await api.post('/webrtc/answer', { type: 'answer', sdp: 'v=0 admin answer', invite_id: inviteId }, adminToken)
    expect(answer.body).toMatchObject({ status: 'answer_sent' })
    // The invite token works as the applicant's credential (X-Invite-Token) and reads only the admin's side.
    const forApplicant = await api.call('GET', `/webrtc/signals/${inviteId}`, { headers: { 'x-invite-token': invite.invite_token as string } })
    expect(forApplicant.body.session_status).toBe('connected')
    expect(forApplicant.body.signals.map((signal: Json) => [signal.type, signal.from])).toEqual([['answer', 'admin']])
    const since = await api.get(`/webrtc/signals/${inviteId}?since=${answer.body.answer_id as string}`)
    expect(since.body.signals).toEqual([])
  })

  it('relays a WebSocket room exchange through the gateway and refuses bad joins with close codes', async () => {
    const inviteId = invite.id as string
    const applicantPeer = await openPeer(roomPath(inviteId, invite.invite_token as string))
    await applicantPeer.take('joined')
    const adminPeer = await openPeer(roomPath(inviteId, adminToken))
    expect(await adminPeer.take('joined')).toMatchObject({ role: 'admin', invite_id: inviteId })
    await applicantPeer.take('peer_joined')

    applicantPeer.socket.send(JSON.stringify({ type: 'offer', sdp: 'v=0 room offer' }))
    expect(await adminPeer.take('offer')).toEqual({ type: 'offer', sdp: 'v=0 room offer', from: 'applicant' })
    adminPeer.socket.send(JSON.stringify({ type: 'answer', sdp: 'v=0 room answer' }))
    expect(await applicantPeer.take('answer')).toEqual({ type: 'answer', sdp: 'v=0 room answer', from: 'admin' })
    applicantPeer.socket.send(JSON.stringify({ type: 'ice_candidate', candidate: { candidate: 'candidate:9' } }))
    expect(await adminPeer.take('ice_candidate')).toMatchObject({ from: 'applicant' })
    adminPeer.socket.send(JSON.stringify({ type: 'ice_candidate', candidate: { candidate: 'candidate:10' } }))
    expect(await applicantPeer.take('ice_candidate')).toMatchObject({ from: 'admin' })

    // Refusals keep their code and reason through the proxy.
    expect(await (await openPeer(roomPath(inviteId, 'aaa.bbb.ccc'))).closed).toEqual({ code: 4401, reason: 'Could not validate credentials' })
    adminPeer.socket.send('{not json')
    expect(await adminPeer.closed).toEqual({ code: 4400, reason: 'Malformed JSON' })
    expect(await applicantPeer.take('peer_left')).toEqual({ type: 'peer_left', role: 'admin' })
    applicantPeer.socket.close()
    await applicantPeer.closed
  })

  it('tells grading the invite was monitored: the submission is is_monitored', async () => {
    const [mcq, essay] = test.questions as Json[]
    const submitted = await api.post(`/submit-test/${invite.invite_token as string}`, {
      answers: [{ question_id: mcq.id, answer: '5432' }, { question_id: essay.id, answer: 'Anything on Friday.' }]
    })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    const result = await waitFor('the graded result', async () => {
      const response = await api.get(`/results?test_id=${test.id as string}`, adminToken)
      return response.body.results?.length === 1 ? response.body.results[0] : undefined
    })
    expect(result).toMatchObject({ submission_id: submitted.body.submission_id, is_monitored: true })
  })
})
