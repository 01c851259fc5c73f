import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, FRONTEND_DOMAIN, outboxFor, publishTest, type Caller, type Harness } from './helpers.js'

type InviteJson = { id: string, test_id: string, test_version: number, invite_token: string, status: string, applicant_email: string, created_at: string }

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

async function invite (testId: string, overrides: Record<string, unknown> = {}): Promise<InviteJson> {
  const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: 'Ann@Example.com', applicant_name: 'Ann', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}

describe('POST /api/invites', () => {
  it('creates a sent invite in the TestInvite shape, pinned to the newest known version, without e-mail yet', async () => {
    const { testId } = await publishTest(harness)
    await publishTest(harness, testId, 2)
    const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: 'Ann@Example.com', applicant_name: 'Ann', extra: 'ignored' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      id: expect.any(String),
      test_id: testId,
      test_version: 2,
      applicant_email: 'Ann@Example.com',
      applicant_name: 'Ann',
      invited_by: admin.id,
      invite_token: expect.any(String),
      scheduled_date: null,
      admin_scheduled: false,
      no_schedule: false,
      status: 'sent',
      email_sent: false,
      email_sent_at: null,
      email_error: 'E-mail delivery is not configured',
      extra_minutes: 0,
      started_at: null,
      expires_at: expect.stringMatching(/Z$/),
      revoked_at: null,
      created_at: expect.stringMatching(/Z$/)
    })
  })

  it('makes 256-bit URL-safe tokens, a new one for every invite', async () => {
    const { testId } = await publishTest(harness)
    const tokens = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const token = (await invite(testId)).invite_token
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(token, 'base64url')).toHaveLength(32)
      tokens.add(token)
    }
    expect(tokens.size).toBe(5)
  })

  it('is scheduled when the admin set the slot, and keeps a date that is not admin-scheduled', async () => {
    const { testId } = await publishTest(harness)
    const date = new Date(Date.now() + 86_400_000).toISOString()
    expect(await invite(testId, { scheduled_date: date, admin_scheduled: true })).toMatchObject({ status: 'scheduled', scheduled_date: date, admin_scheduled: true })
    expect(await invite(testId, { scheduled_date: date })).toMatchObject({ status: 'sent', scheduled_date: date, admin_scheduled: false })
    expect(await invite(testId, { admin_scheduled: true, no_schedule: true })).toMatchObject({ status: 'sent', no_schedule: true })
  })

  it('publishes invitation.invite.status_changed.v1 through the outbox with the invite', async () => {
    const { testId } = await publishTest(harness)
    const created = await invite(testId)
    expect(await outboxFor(harness.admin, created.id)).toEqual([{
      subject: 'invitation.invite.status_changed.v1',
      data: { inviteId: created.id, testId, testVersion: 1, status: 'sent', previousStatus: null, changedAt: created.created_at }
    }])
  })

  it('logs the invite link by invite id, never with the token', async () => {
    const { testId } = await publishTest(harness)
    const created = await invite(testId)
    const line = harness.logs.find((entry) => entry['inviteId'] === created.id)
    expect(line).toMatchObject({ level: 30, link: expect.stringContaining(`${FRONTEND_DOMAIN}/test-invite/`) })
    expect(JSON.stringify(harness.logs)).not.toContain(created.invite_token)
  })

  it('answers 404 "Test not found" for an unknown or malformed test, and creates nothing', async () => {
    for (const testId of [randomUUID(), 'not-a-uuid']) {
      const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: 'a@example.com', applicant_name: 'A' })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ detail: 'Test not found', code: 'INVITATION_TEST_NOT_FOUND' })
    }
    const { rows } = await harness.admin.query("SELECT count(*)::int AS n FROM invitation.invites WHERE applicant_email = 'a@example.com'")
    expect(rows[0]).toEqual({ n: 0 })
  })

  it('answers 422 for a bad e-mail, a missing name or a bad date', async () => {
    const { testId } = await publishTest(harness)
    for (const body of [
      { test_id: testId, applicant_email: 'not-an-email', applicant_name: 'A' },
      { test_id: testId, applicant_email: 'a@example.com' },
      { test_id: testId, applicant_email: 'a@example.com', applicant_name: 'A', scheduled_date: 'tomorrow' }
    ]) {
      const response = await call('POST', '/api/invites', admin, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(422)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.any(Array) })
    }
  })

  it('is for admins only', async () => {
    const { testId } = await publishTest(harness)
    const body = { test_id: testId, applicant_email: 'a@example.com', applicant_name: 'A' }
    expect((await call('POST', '/api/invites', undefined, body)).statusCode).toBe(401)
    expect((await call('POST', '/api/invites', harness.caller('applicant'), body)).statusCode).toBe(403)
  })
})

describe('GET /api/invites', () => {
  let testId: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    testId = (await publishTest(harness)).testId
    for (const [key, email] of [['sent', 'List.Sent@Example.com'], ['scheduled', 'list.scheduled@example.com'], ['progress', 'list.progress@example.com'], ['done', 'list.done@example.com'], ['other', 'someone@elsewhere.org']] as const) {
      ids[key] = (await invite(testId, { applicant_email: email, ...(key === 'scheduled' ? { admin_scheduled: true, scheduled_date: new Date(Date.now() + 3_600_000).toISOString() } : {}) })).id
    }
    await harness.admin.query("UPDATE invitation.invites SET status = 'in_progress' WHERE id = $1", [ids['progress']])
    await harness.admin.query("UPDATE invitation.invites SET status = 'completed' WHERE id = $1", [ids['done']])
  })

  const list = async (query: string) => {
    const response = await call('GET', `/api/invites?${query}`, admin)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<InviteJson[]>().filter((row) => row.test_id === testId).map((row) => row.id)
  }

  it('lists every invite newest first, and treats empty filters as none (the original frontend sends them empty)', async () => {
    const all = [ids['other'], ids['done'], ids['progress'], ids['scheduled'], ids['sent']]
    expect(await list('')).toEqual(all)
    expect(await list('date_filter=&status_filter=&email_search=')).toEqual(all)
    expect(await list('status_filter=all')).toEqual(all)
  })

  it('filters by status: active is sent or scheduled, anything else literally', async () => {
    expect(await list('status_filter=active')).toEqual([ids['other'], ids['scheduled'], ids['sent']])
    expect(await list('status_filter=completed')).toEqual([ids['done']])
    expect(await list('status_filter=in_progress')).toEqual([ids['progress']])
    expect(await list('status_filter=nonsense')).toEqual([])
  })

  it('searches e-mail case-insensitively, with % taken literally', async () => {
    expect(await list('email_search=LIST.')).toEqual([ids['done'], ids['progress'], ids['scheduled'], ids['sent']])
    expect(await list('email_search=elsewhere')).toEqual([ids['other']])
    expect(await list('email_search=%25')).toEqual([])
  })

  it('filters by the UTC day of creation', async () => {
    const today = new Date().toISOString().slice(0, 10)
    expect(await list(`date_filter=${today}`)).toHaveLength(5)
    expect(await list('date_filter=2001-01-01')).toEqual([])
    expect(await list(`date_filter=${today}&status_filter=active&email_search=scheduled`)).toEqual([ids['scheduled']])
  })

  it('answers 422 for a malformed date or bad paging, never a 500', async () => {
    for (const query of ['date_filter=2024-1-01', 'date_filter=yesterday', 'date_filter=2024-02-30', 'limit=0', 'limit=1001', 'offset=-1']) {
      const response = await call('GET', `/api/invites?${query}`, admin)
      expect(response.statusCode, query).toBe(422)
      expect(response.json(), query).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
  })

  it('pages with limit and offset', async () => {
    const response = await call('GET', '/api/invites?limit=2&offset=1', admin)
    expect(response.json<InviteJson[]>().map((row) => row.id)).toEqual([ids['done'], ids['progress']])
  })

  it('is for admins only', async () => {
    expect((await call('GET', '/api/invites')).statusCode).toBe(401)
    expect((await call('GET', '/api/invites', harness.caller('applicant'))).statusCode).toBe(403)
  })
})
