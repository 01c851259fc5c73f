import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, expectNoAnswers, outboxFor, publishTest, type Caller, type Harness } from './helpers.js'

type InviteJson = { id: string, invite_token: string, test_version: number, status: string }

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
  const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: 'ben@example.com', applicant_name: 'Ben', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}

const inFuture = (ms = 86_400_000) => new Date(Date.now() + ms).toISOString()
const setStatus = async (id: string, status: string) => { await harness.admin.query('UPDATE invitation.invites SET status = $2 WHERE id = $1', [id, status]) }

describe('GET /api/invites/token/{token}', () => {
  it('answers {invite, test} without credentials, the test in order and without any correct answer (D4)', async () => {
    const published = await publishTest(harness)
    const created = await invite(published.testId)
    const response = await call('GET', `/api/invites/token/${created.invite_token}`)
    expect(response.statusCode).toBe(200)
    expectNoAnswers(response.body)
    const body = response.json<{ invite: Record<string, unknown>, test: Record<string, unknown> }>()
    expect(body.invite).toMatchObject({ id: created.id, invite_token: created.invite_token, status: 'sent', email_sent: false, email_sent_at: null, email_error: null })
    expect(body.test).toEqual({
      id: published.testId,
      title: published.title,
      description: published.description,
      duration_minutes: published.durationMinutes,
      created_by: published.createdBy,
      created_at: expect.any(String),
      version: 1,
      questions: [
        { id: published.questions[1]?.id, type: 'multiple_choice', question: 'Pick the key', options: ['SELECT', 'GRAB'], expected_language: null, points: 2 },
        { id: published.questions[0]?.id, type: 'coding', question: 'Reverse a string', options: null, expected_language: 'python', points: 5 },
        { id: published.questions[2]?.id, type: 'essay', question: 'Describe an outage', options: null, expected_language: null, points: 1 }
      ]
    })
  })

  it('answers 404 "Invalid invite token" for unknown and malformed tokens', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'short', randomUUID(), 'x'.repeat(44), `${'A'.repeat(42)}%21`]) {
      const response = await call('GET', `/api/invites/token/${token}`)
      expect(response.statusCode, token).toBe(404)
      expect(response.json()).toEqual({ detail: 'Invalid invite token', code: 'INVITATION_TOKEN_NOT_FOUND' })
    }
  })

  it('keeps an invite on the version it was created with when a newer one is published (D9)', async () => {
    const published = await publishTest(harness, randomUUID(), 1, 'First wording')
    const first = await invite(published.testId)
    await publishTest(harness, published.testId, 2, 'Second wording')
    const second = await invite(published.testId)
    expect([first.test_version, second.test_version]).toEqual([1, 2])

    const firstView = (await call('GET', `/api/invites/token/${first.invite_token}`)).json<{ invite: { test_version: number }, test: { title: string, version: number } }>()
    expect(firstView).toMatchObject({ invite: { test_version: 1 }, test: { title: 'First wording', version: 1 } })
    const secondView = (await call('GET', `/api/invites/token/${second.invite_token}`)).json<{ test: { title: string, version: number } }>()
    expect(secondView.test).toMatchObject({ title: 'Second wording', version: 2 })
  })
})

describe('POST /api/invites/token/{token}/schedule', () => {
  it('schedules a future slot, sets the status, and publishes the status change once', async () => {
    const { testId } = await publishTest(harness)
    const created = await invite(testId)
    const date = inFuture()
    const response = await call('POST', `/api/invites/token/${created.invite_token}/schedule`, undefined, { scheduled_date: date })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ message: 'Test scheduled successfully' })
    const view = (await call('GET', `/api/invites/token/${created.invite_token}`)).json<{ invite: { status: string, scheduled_date: string } }>()
    expect(view.invite).toMatchObject({ status: 'scheduled', scheduled_date: date })

    // Moving the slot again is allowed; the status does not change, so no new event.
    const later = inFuture(2 * 86_400_000)
    expect((await call('POST', `/api/invites/token/${created.invite_token}/schedule`, undefined, { scheduled_date: later })).statusCode).toBe(200)
    const events = await outboxFor(harness.admin, created.id)
    expect(events.map((event) => [event.data['previousStatus'], event.data['status']])).toEqual([[null, 'sent'], ['sent', 'scheduled']])
    expect(events[1]).toMatchObject({ subject: 'invitation.invite.status_changed.v1', data: { inviteId: created.id, testId, testVersion: 1 } })
  })

  it('refuses a date that is not in the future with 400', async () => {
    const { testId } = await publishTest(harness)
    const created = await invite(testId)
    for (const date of [new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() - 86_400_000 * 365).toISOString()]) {
      const response = await call('POST', `/api/invites/token/${created.invite_token}/schedule`, undefined, { scheduled_date: date })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ detail: 'The scheduled date must be in the future', code: 'INVITATION_SCHEDULE_NOT_IN_FUTURE' })
    }
    expect((await outboxFor(harness.admin, created.id))).toHaveLength(1)
  })

  it('refuses once the test is started, completed, expired or revoked, with a clear 400', async () => {
    const { testId } = await publishTest(harness)
    for (const [status, detail] of [
      ['in_progress', 'The test has already been started and can no longer be scheduled'],
      ['completed', 'The test has already been completed and can no longer be scheduled'],
      ['expired', 'This invite has expired and can no longer be scheduled'],
      ['revoked', 'This invite has been revoked and can no longer be scheduled']
    ] as const) {
      const created = await invite(testId)
      await setStatus(created.id, status)
      const response = await call('POST', `/api/invites/token/${created.invite_token}/schedule`, undefined, { scheduled_date: inFuture() })
      expect(response.statusCode, status).toBe(400)
      expect(response.json()).toEqual({ detail, code: 'INVITATION_NOT_SCHEDULABLE' })
      const { rows } = await harness.admin.query<{ status: string }>('SELECT status FROM invitation.invites WHERE id = $1', [created.id])
      expect(rows[0]?.status).toBe(status)
    }
  })

  it('answers 404 for unknown and malformed tokens and 422 for a bad date', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'nope']) {
      const response = await call('POST', `/api/invites/token/${token}/schedule`, undefined, { scheduled_date: inFuture() })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ detail: 'Invalid invite token', code: 'INVITATION_TOKEN_NOT_FOUND' })
    }
    const { testId } = await publishTest(harness)
    const created = await invite(testId)
    for (const body of [{}, { scheduled_date: 'next tuesday' }]) {
      expect((await call('POST', `/api/invites/token/${created.invite_token}/schedule`, undefined, body)).statusCode).toBe(422)
    }
  })
})
