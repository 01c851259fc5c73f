import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { waitFor } from '@repo/testing'
import { signalingDb } from '../src/db/database.js'
import { pruneEndedSignals } from '../src/use-cases/sessions.js'
import { createHarness, newInvite, outbox, publishStatus, publishSubmitted, startedInvite, type Harness } from './helpers.js'

type Signals = { signals: { id: string, type: string, data: Record<string, unknown>, created_at: string, from: string }[], session_status: string, session_created_at: string | null }

describe('the WebRTC HTTP mailbox (API.md 2.8, D15)', () => {
  let harness: Harness
  beforeAll(async () => { harness = await createHarness() })
  afterAll(async () => { await harness.cleanup() })

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    await harness.app.inject({ method: 'POST', url: `/api/webrtc/${path}`, payload: body as object, headers })
  const get = async (path: string, headers: Record<string, string> = {}) =>
    await harness.app.inject({ method: 'GET', url: `/api/webrtc/${path}`, headers })
  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  const sessionRow = async (inviteId: string) =>
    (await harness.admin.query<{ status: string, offer_id: string | null, answer_id: string | null, ended_at: Date | null }>('SELECT status, offer_id, answer_id, ended_at FROM signaling.sessions WHERE invite_id = $1', [inviteId])).rows[0]

  it('carries a full offer, answer and candidate exchange, each side reading only the other\'s signals', async () => {
    const invite = await startedInvite(harness)
    const admin = harness.caller('admin')
    const sdpOffer = { type: 'offer', sdp: 'v=0 offer', invite_id: invite.inviteId, extra: { kept: true } }

    expect((await get(`signals/${invite.inviteId}`, auth(admin.token))).json()).toEqual({ signals: [], session_status: 'not_started', session_created_at: null })

    // The original test page: no credentials while the invite is in progress (applicant side).
    const started = await post(`start-session/${invite.inviteId}`, undefined)
    expect(started.statusCode).toBe(200)
    expect(started.json()).toEqual({ status: 'session_initialized', invite_id: invite.inviteId })
    expect((await sessionRow(invite.inviteId))?.status).toBe('initializing')

    const offer = await post('offer', sdpOffer)
    expect(offer.statusCode).toBe(200)
    const { offer_id: offerId, status } = offer.json<{ offer_id: string, status: string }>()
    expect(status).toBe('offer_sent')
    expect(await sessionRow(invite.inviteId)).toMatchObject({ status: 'offer_sent', offer_id: offerId })

    const applicantCandidate = await post('ice-candidate', { candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' }, invite_id: invite.inviteId })
    expect(applicantCandidate.json()).toMatchObject({ status: 'candidate_sent' })

    // The admin reads the applicant's offer and candidate, with the whole body and the sender.
    const adminView = (await get(`signals/${invite.inviteId}`, auth(admin.token))).json<Signals>()
    expect(adminView.session_status).toBe('offer_sent')
    expect(adminView.session_created_at).toEqual(expect.any(String))
    expect(adminView.signals.map((signal) => [signal.type, signal.from])).toEqual([['offer', 'applicant'], ['ice_candidate', 'applicant']])
    expect(adminView.signals[0]).toMatchObject({ id: offerId, data: sdpOffer })

    const answer = await post('answer', { type: 'answer', sdp: 'v=0 answer', invite_id: invite.inviteId }, auth(admin.token))
    expect(answer.statusCode).toBe(200)
    const { answer_id: answerId } = answer.json<{ answer_id: string, status: string }>()
    expect(answer.json()).toMatchObject({ status: 'answer_sent' })
    expect(await sessionRow(invite.inviteId)).toMatchObject({ status: 'connected', answer_id: answerId })
    const connected = (await outbox(harness.admin, 'inviteId', invite.inviteId)).filter((row) => row.subject === catalog.signaling.SessionConnectedV1.subject)
    expect(connected).toHaveLength(1)
    expect(connected[0]?.data).toMatchObject({ inviteId: invite.inviteId, connectedAt: expect.any(String) })

    await post('ice-candidate', { candidate: { candidate: 'candidate:2', sdpMid: '0' }, invite_id: invite.inviteId }, auth(admin.token))

    // Without credentials the applicant side reads only what the admin side sent.
    const applicantView = (await get(`signals/${invite.inviteId}`)).json<Signals>()
    expect(applicantView.session_status).toBe('connected')
    expect(applicantView.signals.map((signal) => [signal.type, signal.from])).toEqual([['answer', 'admin'], ['ice_candidate', 'admin']])

    // `since`: only what came after the given signal.
    const since = (await get(`signals/${invite.inviteId}?since=${answerId}`)).json<Signals>()
    expect(since.signals.map((signal) => signal.type)).toEqual(['ice_candidate'])
    const none = (await get(`signals/${invite.inviteId}?since=${since.signals[0]?.id ?? ''}`)).json<Signals>()
    expect(none.signals).toEqual([])
    // A second answer does not publish the connection again.
    await post('answer', { type: 'answer', sdp: 'v=0 again', invite_id: invite.inviteId }, auth(admin.token))
    expect((await outbox(harness.admin, 'inviteId', invite.inviteId)).filter((row) => row.subject === catalog.signaling.SessionConnectedV1.subject)).toHaveLength(1)

    const ended = await post(`end-session/${invite.inviteId}`, undefined, auth(admin.token))
    expect(ended.json()).toEqual({ status: 'session_ended', invite_id: invite.inviteId })
    expect(await sessionRow(invite.inviteId)).toMatchObject({ status: 'ended', ended_at: expect.any(Date) })
  })

  it('works the other way round too: the admin offers and the applicant (by its token or the invite token) answers', async () => {
    const invite = await startedInvite(harness)
    const admin = harness.caller('admin')
    const applicant = harness.caller('applicant', invite.applicantEmail.toUpperCase())
    const offer = await post('offer', { type: 'offer', sdp: 'admin offer', invite_id: invite.inviteId }, auth(admin.token))
    expect(offer.statusCode).toBe(200)

    const byToken = (await get(`signals/${invite.inviteId}`, auth(applicant.token))).json<Signals>()
    expect(byToken.signals.map((signal) => [signal.type, signal.from])).toEqual([['offer', 'admin']])
    const byInviteToken = (await get(`signals/${invite.inviteId}`, { 'x-invite-token': invite.inviteToken })).json<Signals>()
    expect(byInviteToken.signals).toHaveLength(1)

    const answer = await post('answer', { type: 'answer', sdp: 'applicant answer', invite_id: invite.inviteId }, { 'x-invite-token': invite.inviteToken })
    expect(answer.statusCode).toBe(200)
    const adminView = (await get(`signals/${invite.inviteId}`, auth(admin.token))).json<Signals>()
    expect(adminView.signals.map((signal) => [signal.type, signal.from])).toEqual([['answer', 'applicant']])
    expect(adminView.session_status).toBe('connected')
  })

  it('refuses another applicant\'s token (403), a bad token (401), a wrong invite token (403) and an unknown invite (404)', async () => {
    const invite = await startedInvite(harness)
    const stranger = harness.caller('applicant')
    const body = { type: 'offer', sdp: 'x', invite_id: invite.inviteId }

    const wrong = await post('offer', body, auth(stranger.token))
    expect(wrong.statusCode).toBe(403)
    expect(wrong.json()).toMatchObject({ code: 'SIGNALING_FORBIDDEN' })
    expect((await get(`signals/${invite.inviteId}`, auth(stranger.token))).statusCode).toBe(403)

    const bad = await post('offer', body, auth('not.a.token'))
    expect(bad.statusCode).toBe(401)
    expect(bad.headers['www-authenticate']).toBe('Bearer')
    expect((await post('offer', body, { 'x-invite-token': 'someone-elses-token' })).statusCode).toBe(403)

    const unknown = await post('offer', { ...body, invite_id: randomUUID() }, auth(harness.caller('admin').token))
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ detail: 'Invite not found', code: 'SIGNALING_INVITE_NOT_FOUND' })
    expect((await get(`signals/${randomUUID()}`)).statusCode).toBe(404)
    expect((await get('signals/not-a-uuid')).statusCode).toBe(404)
    expect((await post('end-session/not-a-uuid', undefined)).statusCode).toBe(404)

    // Nothing was stored for the refused calls.
    const { rows } = await harness.admin.query('SELECT 1 FROM signaling.signals WHERE invite_id = $1', [invite.inviteId])
    expect(rows).toHaveLength(0)
  })

  it('accepts no credentials only while the invite is in progress', async () => {
    const invite = await startedInvite(harness)
    await publishStatus(harness, invite, 'completed', { previousStatus: 'in_progress' })
    const anonymous = await post('offer', { type: 'offer', sdp: 'x', invite_id: invite.inviteId })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toMatchObject({ detail: 'Not authenticated' })
    // The applicant's own credentials still work.
    expect((await post('offer', { type: 'offer', sdp: 'x', invite_id: invite.inviteId }, { 'x-invite-token': invite.inviteToken })).statusCode).toBe(200)

    const start = await post(`start-session/${invite.inviteId}`, undefined, { 'x-invite-token': invite.inviteToken })
    expect(start.statusCode).toBe(404)
    expect(start.json()).toMatchObject({ detail: 'Active test session not found', code: 'SIGNALING_SESSION_NOT_FOUND' })
  })

  it('answers an anonymous end-session after the submit 200 (the original page calls it then), ending an open session and changing nothing else', async () => {
    const invite = await startedInvite(harness)
    const admin = harness.caller('admin')
    expect((await post('offer', { type: 'offer', sdp: 'x', invite_id: invite.inviteId })).statusCode).toBe(200)
    expect((await post('answer', { type: 'answer', sdp: 'y', invite_id: invite.inviteId }, auth(admin.token))).statusCode).toBe(200)
    // An old signal: a full end-session would delete it; this no-op must leave it to the cleanup job.
    await harness.admin.query('UPDATE signaling.signals SET created_at = now() - interval \'2 hours\' WHERE invite_id = $1 AND type = \'offer\'', [invite.inviteId])
    // What invitation publishes on a submit: test.submitted and the invite's status, completed.
    await publishSubmitted(harness, invite)
    await publishStatus(harness, invite, 'completed', { previousStatus: 'in_progress' })

    const snapshot = async () => ({
      invite: (await harness.admin.query('SELECT * FROM signaling.invites WHERE invite_id = $1', [invite.inviteId])).rows,
      signals: (await harness.admin.query('SELECT * FROM signaling.signals WHERE invite_id = $1 ORDER BY created_at', [invite.inviteId])).rows,
      notifications: (await harness.admin.query("SELECT * FROM signaling.notifications WHERE data->>'invite_id' = $1 ORDER BY created_at", [invite.inviteId])).rows,
      outbox: await outbox(harness.admin, 'inviteId', invite.inviteId)
    })
    const before = await snapshot()
    expect(before.signals).toHaveLength(2)
    expect(await sessionRow(invite.inviteId)).toMatchObject({ status: 'connected', ended_at: null })

    const ended = await post(`end-session/${invite.inviteId}`, undefined)
    expect(ended.statusCode).toBe(200)
    expect(ended.json()).toEqual({ status: 'session_ended', invite_id: invite.inviteId })
    const session = await sessionRow(invite.inviteId)
    expect(session).toMatchObject({ status: 'ended', ended_at: expect.any(Date) })
    expect(await snapshot()).toEqual(before)

    // Idempotent: again 200, and the session's end stays when it was.
    const again = await post(`end-session/${invite.inviteId}`, undefined)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ status: 'session_ended', invite_id: invite.inviteId })
    expect(await sessionRow(invite.inviteId)).toEqual(session)
    expect(await snapshot()).toEqual(before)

    // With no session at all it is a 200 no-op too.
    const noSession = await startedInvite(harness)
    await publishStatus(harness, noSession, 'completed', { previousStatus: 'in_progress' })
    expect((await post(`end-session/${noSession.inviteId}`, undefined)).statusCode).toBe(200)
    expect(await sessionRow(noSession.inviteId)).toBeUndefined()
  })

  it('still refuses every other anonymous call after the submit, and anonymous end-session on an invite not completed', async () => {
    const invite = await startedInvite(harness)
    await publishSubmitted(harness, invite)
    await publishStatus(harness, invite, 'completed', { previousStatus: 'in_progress' })
    for (const refused of [
      await post('offer', { type: 'offer', sdp: 'x', invite_id: invite.inviteId }),
      await post('answer', { type: 'answer', sdp: 'x', invite_id: invite.inviteId }),
      await post('ice-candidate', { candidate: { candidate: 'c' }, invite_id: invite.inviteId }),
      await get(`signals/${invite.inviteId}`),
      await post(`start-session/${invite.inviteId}`, undefined)
    ]) {
      expect(refused.statusCode, refused.body).toBe(401)
    }
    expect((await harness.admin.query('SELECT 1 FROM signaling.signals WHERE invite_id = $1', [invite.inviteId])).rowCount).toBe(0)

    // Revoked or expired while in progress, or never started: no credentials, no end-session.
    for (const status of ['revoked', 'expired'] as const) {
      const other = await startedInvite(harness)
      await publishStatus(harness, other, status, { previousStatus: 'in_progress' })
      expect((await post(`end-session/${other.inviteId}`, undefined)).statusCode, status).toBe(401)
    }
    const unstarted = newInvite()
    await publishStatus(harness, unstarted, 'sent')
    expect((await post(`end-session/${unstarted.inviteId}`, undefined)).statusCode).toBe(401)
    // An unknown invite stays 404.
    expect((await post(`end-session/${randomUUID()}`, undefined)).statusCode).toBe(404)
  })

  it('validates bodies (422), start-session ids (400) and since (422)', async () => {
    const invite = await startedInvite(harness)
    const missing = await post('offer', { type: 'offer', invite_id: invite.inviteId })
    expect(missing.statusCode).toBe(422)
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ loc: ['body', 'sdp'], type: 'missing' }] })
    expect((await post('ice-candidate', { invite_id: invite.inviteId })).statusCode).toBe(422)
    expect((await post('answer', { type: 'answer', sdp: 'x', invite_id: 'nope' })).statusCode).toBe(422)
    expect((await post('offer', ['not', 'an', 'object'])).statusCode).toBe(422)

    const malformed = await post('start-session/not-a-uuid', undefined)
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json()).toMatchObject({ detail: 'Invalid invite ID format', code: 'SIGNALING_INVALID_INVITE_ID' })
    const unknown = await post(`start-session/${randomUUID()}`, undefined)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ detail: 'Active test session not found' })

    expect((await get(`signals/${invite.inviteId}?since=bad`)).statusCode).toBe(422)
    // A since that is not one of this invite's signals reads from the start.
    expect((await get(`signals/${invite.inviteId}?since=${randomUUID()}`)).statusCode).toBe(200)
  })

  it('deletes the signals of sessions ended more than the retention ago (the cleanup job)', async () => {
    const old = await startedInvite(harness)
    const recent = await startedInvite(harness)
    for (const invite of [old, recent]) {
      await post('offer', { type: 'offer', sdp: 'x', invite_id: invite.inviteId })
      await post(`end-session/${invite.inviteId}`, undefined)
    }
    const live = await startedInvite(harness)
    await post('offer', { type: 'offer', sdp: 'x', invite_id: live.inviteId })
    await harness.admin.query('UPDATE signaling.sessions SET ended_at = now() - interval \'2 hours\' WHERE invite_id = $1', [old.inviteId])

    const count = async (inviteId: string) => Number((await harness.admin.query<{ n: string }>('SELECT count(*) AS n FROM signaling.signals WHERE invite_id = $1', [inviteId])).rows[0]?.n)
    // A replica whose job runs every 100 ms with the default retention of an hour.
    await harness.replica({ SIGNAL_CLEANUP_INTERVAL_MS: '100' })
    await waitFor('the old session\'s signals to be deleted', async () => await count(old.inviteId) === 0 || undefined)
    expect(await count(recent.inviteId)).toBe(1)
    expect(await count(live.inviteId)).toBe(1)

    // The same pass with a short retention takes the recently ended one too, never a live one.
    await new Promise((resolve) => setTimeout(resolve, 50))
    // (Earlier tests' ended sessions go too: they share the database.)
    expect(await pruneEndedSignals(signalingDb(harness.admin), 10)).toBeGreaterThanOrEqual(1)
    expect(await count(recent.inviteId)).toBe(0)
    expect(await count(live.inviteId)).toBe(1)
  })
})
