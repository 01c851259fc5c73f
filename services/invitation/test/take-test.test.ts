import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, expectNoAnswers, outboxFor, publishTest, type Caller, type Harness, type Published } from './helpers.js'

type InviteJson = { id: string, invite_token: string, status: string }
type TakeTestJson = {
  invite: Record<string, unknown>
  test: Record<string, unknown>
  remaining_time_seconds?: number
  deadline?: string
  saved_answers?: { question_id: string, answer: string, saved_at: string }[]
}

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let published: Published
// The fixture's questions: [coding (order 1), multiple_choice (order 0), essay (order 2)]; 31 minutes.
let coding: string
let mcq: string
let essay: string

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  published = await publishTest(harness)
  coding = published.questions[0]?.id ?? ''
  mcq = published.questions[1]?.id ?? ''
  essay = published.questions[2]?.id ?? ''
})
afterAll(async () => { await harness.cleanup() })

let applicants = 0
async function invite (overrides: Record<string, unknown> = {}): Promise<InviteJson> {
  applicants += 1
  const response = await call('POST', '/api/invites', admin, { test_id: published.testId, applicant_email: `taker-${applicants}@example.com`, applicant_name: 'Tam', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()
const sql = async (text: string, values: unknown[]) => { await harness.admin.query(text, values) }
const startedAt = async (id: string): Promise<Date | null> => {
  const { rows } = await harness.admin.query<{ started_at: Date | null }>('SELECT started_at FROM invitation.invites WHERE id = $1', [id])
  return rows[0]?.started_at ?? null
}
const start = async (token: string) => await call('POST', `/api/start-test/${token}`)
const take = async (token: string) => await call('GET', `/api/take-test/${token}`)
const save = async (token: string, answers: unknown) => await call('PUT', `/api/take-test/${token}/answers`, undefined, { answers })
const submit = async (token: string, payload: unknown) => await call('POST', `/api/submit-test/${token}`, undefined, payload)

async function started (overrides: Record<string, unknown> = {}): Promise<InviteJson> {
  const created = await invite(overrides)
  const response = await start(created.invite_token)
  expect(response.statusCode, response.body).toBe(200)
  return created
}

describe('GET /api/take-test/{token}', () => {
  it('answers the test without correct answers, and the server clock and saved answers only once started', async () => {
    const created = await invite()
    const before = await take(created.invite_token)
    expect(before.statusCode).toBe(200)
    expectNoAnswers(before.body)
    const body = before.json<TakeTestJson>()
    expect(Object.keys(body).sort()).toEqual(['invite', 'test'])
    expect(body.invite).toEqual({ id: created.id, test_id: published.testId, applicant_email: 'taker-1@example.com', applicant_name: 'Tam', status: 'sent', invite_token: created.invite_token, started_at: null })
    expect(body.test).toEqual({
      id: published.testId,
      title: published.title,
      description: published.description,
      duration_minutes: 31,
      questions: [
        { id: mcq, type: 'multiple_choice', question: 'Pick the key', options: ['SELECT', 'GRAB'], expected_language: null, points: 2 },
        { id: coding, type: 'coding', question: 'Reverse a string', options: null, expected_language: 'python', points: 5 },
        { id: essay, type: 'essay', question: 'Describe an outage', options: null, expected_language: null, points: 1 }
      ]
    })

    expect((await start(created.invite_token)).statusCode).toBe(200)
    await sql('UPDATE invitation.invites SET extra_minutes = 5 WHERE id = $1', [created.id])
    const after = await take(created.invite_token)
    expectNoAnswers(after.body)
    const session = after.json<TakeTestJson>()
    const begun = await startedAt(created.id)
    expect(session.invite).toMatchObject({ status: 'in_progress', started_at: begun?.toISOString() })
    expect(session.deadline).toBe(new Date((begun?.getTime() ?? 0) + 36 * 60_000).toISOString())
    expect(session.remaining_time_seconds).toBeGreaterThan(36 * 60 - 10)
    expect(session.remaining_time_seconds).toBeLessThanOrEqual(36 * 60)
    expect(session.saved_answers).toEqual([])

    // Past the deadline the clock shows 0, never a negative number.
    await sql("UPDATE invitation.invites SET started_at = now() - interval '2 hours' WHERE id = $1", [created.id])
    expect((await take(created.invite_token)).json<TakeTestJson>().remaining_time_seconds).toBe(0)
  })

  it('opens a scheduled test only within the configured window of its slot (400 outside), and a started one always', async () => {
    const window = 'Test can only be taken within 30 minutes of scheduled time'
    for (const minutes of [45, -45, 24 * 60]) {
      const created = await invite({ scheduled_date: minutesFromNow(minutes), admin_scheduled: true })
      expect(created.status).toBe('scheduled')
      for (const response of [await take(created.invite_token), await start(created.invite_token)]) {
        expect(response.statusCode, String(minutes)).toBe(400)
        expect(response.json()).toEqual({ detail: window, code: 'INVITATION_OUTSIDE_TEST_WINDOW' })
      }
    }
    for (const minutes of [25, -25]) {
      const created = await invite({ scheduled_date: minutesFromNow(minutes), admin_scheduled: true })
      expect((await take(created.invite_token)).statusCode, String(minutes)).toBe(200)
    }
    // A sent invite with a date also has the window; in progress, the slot no longer matters.
    const late = await invite({ scheduled_date: minutesFromNow(10) })
    expect(late.status).toBe('sent')
    expect((await start(late.invite_token)).statusCode).toBe(200)
    await sql("UPDATE invitation.invites SET scheduled_date = now() - interval '3 hours' WHERE id = $1", [late.id])
    expect((await take(late.invite_token)).statusCode).toBe(200)
  })

  it('answers 404 "Invalid or expired test invite" for closed invites and unknown or malformed tokens', async () => {
    const tokens = [randomBytes(32).toString('base64url'), 'nope']
    for (const status of ['completed', 'expired', 'revoked']) {
      const created = await invite()
      await sql('UPDATE invitation.invites SET status = $2 WHERE id = $1', [created.id, status])
      tokens.push(created.invite_token)
    }
    for (const token of tokens) {
      const response = await take(token)
      expect(response.statusCode, token).toBe(404)
      expect(response.json()).toEqual({ detail: 'Invalid or expired test invite', code: 'INVITATION_TEST_INVITE_NOT_FOUND' })
    }
  })
})

describe('POST /api/start-test/{token}', () => {
  it('starts a sent and a scheduled invite, publishing the status change, and a repeat does not reset the clock', async () => {
    const sent = await invite()
    const scheduled = await invite({ scheduled_date: minutesFromNow(5), admin_scheduled: true })
    for (const created of [sent, scheduled]) {
      const response = await start(created.invite_token)
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ message: 'Test started successfully', status: 'in_progress' })
      const events = await outboxFor(harness.admin, created.id)
      expect(events.at(-1)).toMatchObject({ subject: 'invitation.invite.status_changed.v1', data: { inviteId: created.id, status: 'in_progress', previousStatus: created.status } })
    }

    await sql("UPDATE invitation.invites SET started_at = now() - interval '10 minutes' WHERE id = $1", [sent.id])
    const clock = await startedAt(sent.id)
    const again = await start(sent.invite_token)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ message: 'Test started successfully', status: 'in_progress' })
    expect(await startedAt(sent.id)).toEqual(clock)
    expect((await outboxFor(harness.admin, sent.id)).map((event) => event.data['status'])).toEqual(['sent', 'in_progress'])
  })

  it('starts once however many starts arrive at the same moment', async () => {
    const created = await invite()
    const responses = await Promise.all(Array.from({ length: 5 }, async () => await start(created.invite_token)))
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect((await outboxFor(harness.admin, created.id)).map((event) => event.data['status'])).toEqual(['sent', 'in_progress'])
  })

  it('answers 409 on completed, expired and revoked invites, and 404 on unknown tokens', async () => {
    for (const [status, detail] of [
      ['completed', 'The test has already been completed and cannot be started again'],
      ['expired', 'This invite has expired and the test can no longer be started'],
      ['revoked', 'This invite has been revoked and the test can no longer be started']
    ] as const) {
      const created = await invite()
      await sql('UPDATE invitation.invites SET status = $2 WHERE id = $1', [created.id, status])
      const response = await start(created.invite_token)
      expect(response.statusCode, status).toBe(409)
      expect(response.json()).toEqual({ detail, code: 'INVITATION_NOT_STARTABLE' })
      expect(await startedAt(created.id)).toBeNull()
    }
    for (const token of [randomBytes(32).toString('base64url'), 'nope']) {
      const response = await start(token)
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ detail: 'Invalid test token', code: 'INVITATION_TOKEN_NOT_FOUND' })
    }
  })

  it('keeps one test at a time per e-mail (case-insensitively), unless this invite is the oldest open one', async () => {
    const oldest = await invite({ applicant_email: 'one.at.a.time@example.com' })
    const middle = await invite({ applicant_email: 'One.At.A.Time@example.com' })
    const newest = await invite({ applicant_email: 'ONE.AT.A.TIME@EXAMPLE.COM' })
    // Nothing in progress yet: any invite may start.
    expect((await start(middle.invite_token)).statusCode).toBe(200)
    // Another is in progress and this is not the oldest open one: the original's 409.
    const refused = await start(newest.invite_token)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({
      detail: 'You have an incomplete test in progress. Please complete your oldest test first or contact administrator for help.',
      code: 'INVITATION_OTHER_TEST_IN_PROGRESS'
    })
    expect(await startedAt(newest.id)).toBeNull()
    // The oldest open invite may start even so.
    expect((await start(oldest.invite_token)).statusCode).toBe(200)
    // Another applicant is not affected.
    expect((await start((await invite()).invite_token)).statusCode).toBe(200)
  })
})

describe('PUT /api/take-test/{token}/answers', () => {
  it('merges answers into the saved ones (last wins) and shows them in take-test', async () => {
    const created = await started()
    const first = await save(created.invite_token, [{ question_id: mcq, answer: 'GRAB' }, { question_id: coding, answer: 'print(1)' }])
    expect(first.statusCode, first.body).toBe(200)
    const savedAt = first.json<{ saved_at: string }>().saved_at
    expect(Math.abs(new Date(savedAt).getTime() - Date.now())).toBeLessThan(10_000)
    const second = await save(created.invite_token, [{ question_id: mcq, answer: 'GRAB' }, { question_id: mcq, answer: 'SELECT' }])
    expect(second.statusCode).toBe(200)
    const answers = (await take(created.invite_token)).json<TakeTestJson>().saved_answers?.map(({ question_id: id, answer }) => [id, answer])
    expect(new Map(answers as [string, string][])).toEqual(new Map([[mcq, 'SELECT'], [coding, 'print(1)']]))
  })

  it('answers 422 naming unknown question ids and saves nothing of that request', async () => {
    const created = await started()
    const response = await save(created.invite_token, [{ question_id: mcq, answer: 'GRAB' }, { question_id: 'no-such-question', answer: 'x' }])
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('no-such-question') })
    expect((await take(created.invite_token)).json<TakeTestJson>().saved_answers).toEqual([])
    expect((await save(created.invite_token, [{ question_id: mcq }])).statusCode).toBe(422)
    expect((await save(created.invite_token, [{ question_id: mcq, answer: 3 }])).statusCode).toBe(422)
  })

  it('answers 409 before the start and after the deadline plus grace, 404 for unknown tokens', async () => {
    const unstarted = await invite()
    expect((await save(unstarted.invite_token, [{ question_id: mcq, answer: 'GRAB' }])).statusCode).toBe(409)
    const late = await started()
    await sql("UPDATE invitation.invites SET started_at = now() - interval '32 minutes' WHERE id = $1", [late.id])
    const response = await save(late.invite_token, [{ question_id: mcq, answer: 'GRAB' }])
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ detail: 'Time is up', code: 'INVITATION_TIME_IS_UP' })
    expect((await save(randomBytes(32).toString('base64url'), [])).statusCode).toBe(404)
  })
})

describe('POST /api/submit-test/{token}', () => {
  it('stores the saved answers with the submitted ones over them, completes the invite and answers at once (D12)', async () => {
    const created = await started()
    expect((await save(created.invite_token, [{ question_id: essay, answer: 'It was DNS' }, { question_id: mcq, answer: 'GRAB' }])).statusCode).toBe(200)
    const response = await submit(created.invite_token, { answers: [{ question_id: mcq, answer: 'GRAB' }, { question_id: coding, answer: 's[::-1]' }, { question_id: mcq, answer: 'SELECT' }, { question_id: 'unknown', answer: 'dropped' }] })
    expect(response.statusCode, response.body).toBe(200)
    expectNoAnswers(response.body)
    const body = response.json<Record<string, unknown>>()
    expect(body).toEqual({
      message: 'Test submitted successfully',
      submission_id: expect.any(String),
      scoring_status: 'pending',
      needs_manual_review: true,
      score: null,
      auto_score: null,
      final_score: null
    })

    const { rows } = await harness.admin.query<Record<string, unknown>>('SELECT * FROM invitation.submissions WHERE invite_id = $1', [created.id])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      id: body['submission_id'],
      test_id: published.testId,
      test_version: 1,
      applicant_email: expect.stringMatching(/^taker-\d+@example\.com$/),
      applicant_name: 'Tam',
      invited_by: admin.id,
      auto_submitted: false,
      needs_manual_review: true,
      started_at: await startedAt(created.id),
      answers: [{ questionId: mcq, answer: 'SELECT' }, { questionId: coding, answer: 's[::-1]' }, { questionId: essay, answer: 'It was DNS' }]
    })
    expect((await outboxFor(harness.admin, created.id)).map((event) => event.data['status'])).toEqual(['sent', 'in_progress', 'completed'])

    const again = await submit(created.invite_token, { answers: [] })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ detail: 'Test already submitted', code: 'INVITATION_ALREADY_SUBMITTED' })
    expect((await take(created.invite_token)).statusCode).toBe(404)
  })

  it('answers 404 unless in progress, and 422 for missing answers or a non-string answer', async () => {
    const unstarted = await invite()
    for (const token of [unstarted.invite_token, randomBytes(32).toString('base64url'), 'nope']) {
      const response = await submit(token, { answers: [] })
      expect(response.statusCode, token).toBe(404)
      expect(response.json()).toEqual({ detail: 'Invalid or inactive test session', code: 'INVITATION_SESSION_NOT_ACTIVE' })
    }
    const created = await started()
    for (const payload of [{}, { answers: [{ question_id: mcq, answer: 3 }] }, { answers: [{ question_id: mcq }] }, { answers: 'SELECT' }]) {
      expect((await submit(created.invite_token, payload)).statusCode, JSON.stringify(payload)).toBe(422)
    }
  })

  it('takes a submit within the grace period and refuses one after it with 409 "Time is up"', async () => {
    const inGrace = await started()
    await sql("UPDATE invitation.invites SET started_at = now() - interval '31 minutes 10 seconds' WHERE id = $1", [inGrace.id])
    expect((await submit(inGrace.invite_token, { answers: [] })).statusCode).toBe(200)

    const late = await started()
    await sql("UPDATE invitation.invites SET started_at = now() - interval '31 minutes 45 seconds' WHERE id = $1", [late.id])
    const response = await submit(late.invite_token, { answers: [{ question_id: mcq, answer: 'SELECT' }] })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ detail: 'Time is up', code: 'INVITATION_TIME_IS_UP' })
    const { rows } = await harness.admin.query<{ status: string }>('SELECT status FROM invitation.invites WHERE id = $1', [late.id])
    expect(rows[0]?.status).toBe('in_progress')
  })

  it('lets exactly one of several concurrent submits of one invite win', async () => {
    const created = await started()
    const responses = await Promise.all(Array.from({ length: 6 }, async (_, index) => await submit(created.invite_token, { answers: [{ question_id: mcq, answer: `a${index}` }] })))
    const codes = responses.map((response) => response.statusCode).sort()
    expect(codes).toEqual([200, 409, 409, 409, 409, 409])
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect(response.json()).toEqual({ detail: 'Test already submitted', code: 'INVITATION_ALREADY_SUBMITTED' })
    }
    const { rows } = await harness.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM invitation.submissions WHERE invite_id = $1', [created.id])
    expect(rows[0]?.n).toBe(1)
    expect((await outboxFor(harness.admin, created.id)).map((event) => event.data['status'])).toEqual(['sent', 'in_progress', 'completed'])
  })
})
