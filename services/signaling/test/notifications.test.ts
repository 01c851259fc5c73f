import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { testEnvelope } from '@repo/events/testing'
import { deleteTestStreams, testNatsUrl, uniqueName, waitFor } from '@repo/testing'
import { signalingDb } from '../src/db/database.js'
import { notifyEveryAdmin } from '../src/db/notifications.js'
import {
  bearer, createAdmin, createHarness, listen, newInvite, publishStarted, publishStatus, publishSubmitted, startedEvent, startedInvite,
  type Caller, type Harness
} from './helpers.js'
import { openPeer, type Peer } from './ws-client.js'

type Notification = { id: string, type: string, message: string, data: Record<string, unknown>, is_read: boolean, created_at: string }

const notificationsPath = (token?: string) => `/api/ws/notifications${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`

describe('admin notifications (API.md 2.6, rule 7, D16)', () => {
  let harness: Harness
  let base: string
  let first: Caller
  let second: Caller
  const peers: Peer[] = []

  beforeAll(async () => {
    harness = await createHarness({ WS_PING_INTERVAL_MS: '200' })
    base = await listen(harness.app)
    first = await createAdmin(harness)
    second = await createAdmin(harness)
  })
  afterAll(async () => {
    for (const peer of peers) peer.socket.terminate()
    await harness.cleanup()
  })

  const list = async (who: Caller) => (await harness.app.inject({ url: '/api/admin/notifications', headers: bearer(who.token) })).json<{ notifications: Notification[] }>().notifications
  const unread = async (who: Caller) => (await harness.app.inject({ url: '/api/admin/notifications/unread-count', headers: bearer(who.token) })).json<{ unread_count: number }>().unread_count
  const ofInvite = (notifications: Notification[], inviteId: string) => notifications.filter((notification) => notification.data.invite_id === inviteId)
  const watch = async (token: string, url = base) => {
    const peer = await openPeer(url, notificationsPath(token))
    peers.push(peer)
    await peer.take('ready')
    return peer
  }

  it('makes a test_started notification for every admin, with the original data plus the test', async () => {
    const invite = await startedInvite(harness)
    for (const admin of [first, second]) {
      const [notification] = ofInvite(await list(admin), invite.inviteId)
      expect(notification).toEqual({
        id: expect.any(String),
        type: 'test_started',
        message: `Test started by ${invite.applicantEmail}`,
        data: {
          type: 'test_started',
          message: `Test started by ${invite.applicantEmail}`,
          applicant_email: invite.applicantEmail,
          invite_id: invite.inviteId,
          test_id: invite.testId,
          test_title: invite.testTitle,
          timestamp: expect.any(String)
        },
        is_read: false,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/)
      })
    }
    // The invite is known as in progress, with its applicant and the hash of its token (never the token).
    const { rows } = await harness.admin.query<{ status: string, applicant_email: string, invite_token_hash: string }>(
      'SELECT status, applicant_email, invite_token_hash FROM signaling.invites WHERE invite_id = $1', [invite.inviteId])
    expect(rows[0]?.status).toBe('in_progress')
    expect(rows[0]?.applicant_email).toBe(invite.applicantEmail)
    expect(rows[0]?.invite_token_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('makes a test_submitted notification with auto_submitted and the test title', async () => {
    const invite = await startedInvite(harness)
    await publishSubmitted(harness, invite, { overrides: { autoSubmitted: true } })
    const submitted = ofInvite(await list(second), invite.inviteId).filter((notification) => notification.type === 'test_submitted')
    expect(submitted).toHaveLength(1)
    expect(submitted[0]?.message).toBe(`Test submitted by ${invite.applicantEmail}`)
    expect(submitted[0]?.data).toMatchObject({ type: 'test_submitted', applicant_email: invite.applicantEmail, invite_id: invite.inviteId, test_id: invite.testId, test_title: invite.testTitle, auto_submitted: true })
  })

  it('never notifies twice for one event: a redelivery past the stream\'s dedupe, and the unique (admin, event) pair', async () => {
    const invite = newInvite()
    const envelope = testEnvelope(catalog.invitation.TestStartedV1, startedEvent(invite))
    const js = harness.nats.jetstream()
    // Two messages carrying the same event (different JetStream message ids, so both are delivered).
    await js.publish(harness.names.subject(catalog.invitation.TestStartedV1.subject), JSON.stringify(envelope), { msgID: randomUUID() })
    await js.publish(harness.names.subject(catalog.invitation.TestStartedV1.subject), JSON.stringify(envelope), { msgID: randomUUID() })
    await harness.handled(envelope.id)
    const marker = await publishStarted(harness, newInvite())
    await harness.handled(marker)
    expect(ofInvite(await list(first), invite.inviteId)).toHaveLength(1)
    // Even outside the inbox, the same event cannot make a second notification for an admin.
    const db = signalingDb(harness.app.pg)
    const again = await db.transaction(async (tx) => await notifyEveryAdmin(tx, { type: 'test_started', message: 'x', data: {}, eventId: envelope.id, createdAt: new Date() }))
    expect(again).toBe(0)
  })

  it('ignores an older status change that arrives after a newer one', async () => {
    const invite = newInvite()
    await publishStatus(harness, invite, 'completed', { changedAt: new Date().toISOString() })
    await publishStatus(harness, invite, 'sent', { changedAt: new Date(Date.now() - 60_000).toISOString() })
    await publishStarted(harness, invite, { overrides: { startedAt: new Date(Date.now() - 30_000).toISOString() } })
    const { rows } = await harness.admin.query<{ status: string, applicant_email: string }>('SELECT status, applicant_email FROM signaling.invites WHERE invite_id = $1', [invite.inviteId])
    expect(rows[0]).toEqual({ status: 'completed', applicant_email: invite.applicantEmail })
  })

  describe('routes', () => {
    it('lists the caller\'s latest 50, newest first, with the unread count', async () => {
      const admin = await createAdmin(harness)
      const invites = []
      for (let i = 0; i < 3; i++) invites.push(await startedInvite(harness))
      const notifications = await list(admin)
      expect(notifications.map((notification) => notification.data.invite_id)).toEqual(invites.map((invite) => invite.inviteId).reverse())
      expect(await unread(admin)).toBe(3)
      // Notifications made before an admin existed are not theirs.
      expect((await list(first)).length).toBeGreaterThan(3)
    })

    it('marks one read (only the caller\'s), 404 for unknown, malformed and another admin\'s ids', async () => {
      const admin = await createAdmin(harness)
      await startedInvite(harness)
      const [notification] = await list(admin)
      if (notification === undefined) throw new Error('no notification')
      const mark = async (who: Caller, id: string) => await harness.app.inject({ method: 'POST', url: `/api/admin/notifications/${id}/mark-read`, headers: bearer(who.token) })
      for (const id of [randomUUID(), 'not-a-uuid', (await list(first))[0]?.id ?? '']) {
        const refused = await mark(admin, id)
        expect(refused.statusCode, id).toBe(404)
        expect(refused.json()).toEqual({ detail: 'Notification not found', code: 'SIGNALING_NOTIFICATION_NOT_FOUND' })
      }
      const marked = await mark(admin, notification.id.toUpperCase())
      expect(marked.statusCode).toBe(200)
      expect(marked.json()).toEqual({ message: 'Notification marked as read' })
      expect((await list(admin))[0]?.is_read).toBe(true)
      expect(await unread(admin)).toBe(0)
      // Marking again is fine.
      expect((await mark(admin, notification.id)).statusCode).toBe(200)
    })

    it('clears all of the caller\'s, and only theirs', async () => {
      const admin = await createAdmin(harness)
      await startedInvite(harness)
      const before = (await list(first)).length
      const cleared = await harness.app.inject({ method: 'DELETE', url: '/api/admin/notifications/clear-all', headers: bearer(admin.token) })
      expect(cleared.statusCode).toBe(200)
      expect(cleared.json()).toEqual({ message: 'All notifications cleared' })
      expect(await list(admin)).toEqual([])
      expect(await unread(admin)).toBe(0)
      expect((await list(first)).length).toBe(before)
    })

    it('answers 401 without a token and 403 "Admin access required" to an applicant', async () => {
      const applicant = harness.caller('applicant')
      const routes = [
        ['GET', '/api/admin/notifications'], ['GET', '/api/admin/notifications/unread-count'],
        ['POST', `/api/admin/notifications/${randomUUID()}/mark-read`], ['DELETE', '/api/admin/notifications/clear-all']
      ] as const
      for (const [method, url] of routes) {
        const anonymous = await harness.app.inject({ method, url })
        expect(anonymous.statusCode, `${method} ${url}`).toBe(401)
        expect(anonymous.headers['www-authenticate']).toBe('Bearer')
        const byApplicant = await harness.app.inject({ method, url, headers: bearer(applicant.token) })
        expect(byApplicant.statusCode, `${method} ${url}`).toBe(403)
        expect(byApplicant.json()).toMatchObject({ detail: 'Admin access required' })
      }
    })
  })

  describe('the admin socket', () => {
    it('gets a notification within a second of the started event being published', async () => {
      const peer = await watch(first.token)
      const other = await watch(second.token)
      const invite = newInvite()
      const publishedAt = performance.now()
      await publishStarted(harness, invite, { wait: false })
      const received = await peer.take('notification', 5000)
      const elapsed = performance.now() - publishedAt
      expect(elapsed).toBeLessThan(1000)
      const notification = (received as { notification: Notification }).notification
      expect(notification).toMatchObject({ type: 'test_started', message: `Test started by ${invite.applicantEmail}`, is_read: false, data: { invite_id: invite.inviteId } })
      // The same shape as the list, and each admin gets their own.
      expect(ofInvite(await list(first), invite.inviteId)).toEqual([notification])
      const theirs = (await other.take('notification', 5000) as { notification: Notification }).notification
      expect(theirs.id).not.toBe(notification.id)
      expect(theirs.data.invite_id).toBe(invite.inviteId)
    })

    it('refuses with a close code and reason: no token 4401, bad token 4401, applicant token 4403', async () => {
      const cases: [string, number, string][] = [
        [notificationsPath(), 4401, 'Not authenticated: pass ?token=<admin access token>'],
        [notificationsPath(''), 4401, 'Not authenticated: pass ?token=<admin access token>'],
        [notificationsPath('not.a.token'), 4401, 'Could not validate credentials'],
        [notificationsPath(first.token.slice(0, -4) + 'AAAA'), 4401, 'Could not validate credentials'],
        [notificationsPath(harness.caller('applicant').token), 4403, 'Admin access required']
      ]
      for (const [path, code, reason] of cases) {
        const peer = await openPeer(base, path)
        peers.push(peer)
        expect(await peer.closed, path).toEqual({ code, reason })
        expect(peer.received).toEqual([])
      }
    })

    it('refuses an expired token (4401) and closes a socket whose token is revoked (4401) at the next heartbeat', async () => {
      const expired = harness.issuer.sign({ sub: randomUUID(), role: 'admin', email: 'late@example.com' }, { expiresInSeconds: -60 })
      const late = await openPeer(base, notificationsPath(expired))
      peers.push(late)
      expect(await late.closed).toEqual({ code: 4401, reason: 'Could not validate credentials' })

      const admin = await createAdmin(harness)
      const peer = await watch(admin.token)
      await harness.publish(catalog.identity.UserTokensRevokedV1, { userId: admin.id, tokensValidFrom: Math.floor(Date.now() / 1000) + 1, reason: 'password_changed' })
      expect(await peer.closed).toEqual({ code: 4401, reason: 'Token expired or revoked' })
      const again = await openPeer(base, notificationsPath(admin.token))
      peers.push(again)
      expect(await again.closed).toEqual({ code: 4401, reason: 'Could not validate credentials' })
    })

    it('drops a socket that stops answering pings', async () => {
      const peer = await watch(first.token)
      // Stop reading: the client's automatic pongs stop, and the server gives up after a missed ping.
      const raw = (peer.socket as unknown as { _socket: Socket })._socket
      raw.pause()
      await new Promise((resolve) => setTimeout(resolve, 1000))
      raw.resume()
      const { code } = await peer.closed
      expect(code).toBe(1006)
    })

    it('delivers to a socket on another replica the notification this replica\'s consumer made', async () => {
      // Replica B shares the database but reads another stream prefix: it cannot have handled the event.
      const otherPrefix = uniqueName('t')
      const replica = await harness.replica({ EVENTS_PREFIX: otherPrefix })
      try {
        const peer = await watch(second.token, await listen(replica.app))
        const invite = newInvite()
        const publishedAt = performance.now()
        const eventId = await publishStarted(harness, invite, { wait: false })
        const received = await peer.take('notification', 5000)
        expect(performance.now() - publishedAt).toBeLessThan(1000)
        expect((received as { notification: Notification }).notification.data.invite_id).toBe(invite.inviteId)
        await harness.handled(eventId)
        expect(replica.logs.some((line) => line.msg === 'test started; admins notified')).toBe(false)
        expect(harness.logs.some((line) => line.msg === 'test started; admins notified' && line.inviteId === invite.inviteId)).toBe(true)
      } finally {
        await replica.app.close()
        await deleteTestStreams(testNatsUrl(), otherPrefix).catch(() => {})
      }
    })

    it('closes its sockets with 1001 when the app closes', async () => {
      const replica = await harness.replica()
      const peer = await watch(first.token, await listen(replica.app))
      await replica.app.close()
      expect((await peer.closed).code).toBe(1001)
    })
  })

  describe('erasure', () => {
    const count = async (table: string, column: string, value: string) =>
      Number((await harness.admin.query<{ n: string }>(`SELECT count(*) AS n FROM signaling.${table} WHERE ${column} = $1`, [value])).rows[0]?.n)
    const addSessionAndSignal = async (inviteId: string) => {
      await harness.admin.query("INSERT INTO signaling.sessions (invite_id, status) VALUES ($1, 'initializing')", [inviteId])
      await harness.admin.query("INSERT INTO signaling.signals (invite_id, type, sender, data) VALUES ($1, 'offer', 'applicant', '{}')", [inviteId])
    }

    it('identity.user.deleted.v1 of an applicant erases their invites, sessions, signals and the notifications naming them', async () => {
      const email = `Erased-${randomUUID()}@Example.com`
      const gone = await startedInvite(harness, { applicantEmail: email })
      const kept = await startedInvite(harness)
      await addSessionAndSignal(gone.inviteId)
      await addSessionAndSignal(kept.inviteId)
      const deletedAt = Date.now()
      await harness.handled(await harness.publish(catalog.identity.UserDeletedV1, { userId: randomUUID(), email: email.toLowerCase(), role: 'applicant', deletedAt: new Date(deletedAt).toISOString() }))
      for (const table of ['invites', 'sessions', 'signals']) {
        expect(await count(table, 'invite_id', gone.inviteId), table).toBe(0)
        expect(await count(table, 'invite_id', kept.inviteId), table).toBe(1)
      }
      expect(ofInvite(await list(first), gone.inviteId)).toEqual([])
      expect(ofInvite(await list(first), kept.inviteId)).toHaveLength(1)

      // A start and a submit from before the deletion, arriving after it, bring nothing back.
      const late = newInvite({ applicantEmail: email })
      await publishStarted(harness, late, { overrides: { startedAt: new Date(deletedAt - 10_000).toISOString() } })
      await publishSubmitted(harness, gone, { overrides: { submittedAt: new Date(deletedAt - 5000).toISOString() } })
      expect(await count('invites', 'invite_id', late.inviteId)).toBe(0)
      expect(ofInvite(await list(first), late.inviteId)).toEqual([])
      expect(ofInvite(await list(first), gone.inviteId)).toEqual([])
      // Someone who signs up again with the address later is served as usual.
      const again = newInvite({ applicantEmail: email })
      await publishStarted(harness, again, { overrides: { startedAt: new Date(deletedAt + 1000).toISOString() } })
      expect(ofInvite(await list(first), again.inviteId)).toHaveLength(1)
    })

    it('identity.user.deleted.v1 of an admin removes the admin and their notifications; later events skip them', async () => {
      const admin = await createAdmin(harness)
      await startedInvite(harness)
      expect(await count('notifications', 'admin_id', admin.id)).toBe(1)
      await harness.handled(await harness.publish(catalog.identity.UserDeletedV1, { userId: admin.id, email: admin.email, role: 'admin', deletedAt: new Date().toISOString() }))
      expect(await count('notifications', 'admin_id', admin.id)).toBe(0)
      expect(await count('admins', 'user_id', admin.id)).toBe(0)
      await startedInvite(harness)
      expect(await count('notifications', 'admin_id', admin.id)).toBe(0)
    })

    it('assessment.test.deleted.v1 erases the test\'s invites, sessions, signals and notifications', async () => {
      const testId = randomUUID()
      const gone = await startedInvite(harness, { testId })
      const alsoGone = await startedInvite(harness, { testId })
      const kept = await startedInvite(harness)
      for (const invite of [gone, alsoGone, kept]) await addSessionAndSignal(invite.inviteId)
      await harness.handled(await harness.publish(catalog.assessment.TestDeletedV1, { testId, deletedAt: new Date().toISOString() }))
      for (const table of ['invites', 'sessions', 'signals']) {
        for (const invite of [gone, alsoGone]) expect(await count(table, 'invite_id', invite.inviteId), table).toBe(0)
        expect(await count(table, 'invite_id', kept.inviteId), table).toBe(1)
      }
      const remaining = await list(first)
      expect(remaining.filter((notification) => notification.data.test_id === testId)).toEqual([])
      expect(ofInvite(remaining, kept.inviteId)).toHaveLength(1)

      // Events about the deleted test still on their way bring nothing back.
      const late = newInvite({ testId })
      await publishStatus(harness, late, 'in_progress')
      await publishStarted(harness, late)
      await publishSubmitted(harness, gone)
      expect(await count('invites', 'test_id', testId)).toBe(0)
      expect((await list(first)).filter((notification) => notification.data.test_id === testId)).toEqual([])
    })
  })

  it('adds admins from identity.user.created.v1 and ignores applicants', async () => {
    const applicantId = randomUUID()
    await harness.handled(await harness.publish(catalog.identity.UserCreatedV1, { userId: applicantId, email: 'app@example.com', fullName: 'App', role: 'applicant', createdAt: new Date().toISOString() }))
    await waitFor('the admins', async () => (await harness.admin.query('SELECT 1 FROM signaling.admins WHERE user_id = $1', [first.id])).rowCount === 1 || undefined)
    expect((await harness.admin.query('SELECT 1 FROM signaling.admins WHERE user_id = $1', [applicantId])).rowCount).toBe(0)
  })
})
