import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, expectNoAnswers, publishTest, type Caller, type Harness } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

async function invite (testId: string, email: string, overrides: Record<string, unknown> = {}): Promise<{ id: string, invite_token: string }> {
  const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: email, applicant_name: 'Cleo', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

describe('GET /api/my-invites', () => {
  it('lists the caller\'s invites, matched by e-mail case-insensitively, newest first, with the pinned test\'s title and no answers', async () => {
    const first = await publishTest(harness, undefined, 1, 'First test')
    const second = await publishTest(harness, undefined, 1, 'Second test')
    const older = await invite(first.testId, 'Cleo@Example.com')
    const date = new Date(Date.now() + 86_400_000).toISOString()
    const newer = await invite(second.testId, 'cleo@example.COM', { admin_scheduled: true, scheduled_date: date, no_schedule: false })
    await invite(first.testId, 'someone.else@example.com')

    const cleo = harness.caller('applicant', 'CLEO@example.com')
    const response = await call('GET', '/api/my-invites', cleo)
    expect(response.statusCode).toBe(200)
    expectNoAnswers(response.body)
    expect(response.json()).toEqual([
      {
        id: newer.id,
        test_id: second.testId,
        test_version: 1,
        applicant_email: 'cleo@example.COM',
        applicant_name: 'Cleo',
        status: 'scheduled',
        invite_token: newer.invite_token,
        scheduled_date: date,
        admin_scheduled: true,
        no_schedule: false,
        created_at: expect.any(String),
        started_at: null,
        test_title: 'Second test',
        test_description: second.description,
        test_duration_minutes: second.durationMinutes
      },
      expect.objectContaining({ id: older.id, test_title: 'First test', status: 'sent', admin_scheduled: false })
    ])
    expect((await call('GET', '/api/my-invites?limit=1&offset=1', cleo)).json()).toEqual([expect.objectContaining({ id: older.id })])
  })

  it('answers an empty list to a user with no invites, and works for admins too', async () => {
    expect((await call('GET', '/api/my-invites', harness.caller('applicant'))).json()).toEqual([])
    expect((await call('GET', '/api/my-invites', admin)).json()).toEqual([])
  })

  it('needs a valid token and valid paging', async () => {
    expect((await call('GET', '/api/my-invites')).statusCode).toBe(401)
    expect((await call('GET', '/api/my-invites?limit=0', admin)).statusCode).toBe(422)
  })
})
