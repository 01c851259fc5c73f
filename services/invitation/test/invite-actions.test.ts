import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { caller, createHarness, outboxFor, publishTest, type Caller, type Harness, type Published } from './helpers.js'

type InviteJson = { id: string, invite_token: string, status: string, extra_minutes: number, revoked_at: string | null, started_at: string | null }

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
// The fixture: 31 minutes, questions [coding, multiple_choice, essay].
let published: Published
let mcq: string

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  published = await publishTest(harness)
  mcq = published.questions[1]?.id ?? ''
})
afterAll(async () => { await harness.cleanup() })

let applicants = 0
async function invite (overrides: Record<string, unknown> = {}): Promise<InviteJson> {
  applicants += 1
  const response = await call('POST', '/api/invites', admin, { test_id: published.testId, applicant_email: `acted-on-${applicants}@example.com`, applicant_name: 'Val', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}

async function started (): Promise<InviteJson> {
  const created = await invite()
  expect((await call('POST', `/api/start-test/${created.invite_token}`)).statusCode).toBe(200)
  return created
}

const sql = async (text: string, values: unknown[]) => { await harness.admin.query(text, values) }
const revoke = async (id: string) => await call('POST', `/api/invites/${id}/revoke`, admin)
const extend = async (id: string, body: unknown) => await call('POST', `/api/invites/${id}/extend`, admin, body)
const statusesOf = async (id: string) => (await outboxFor(harness.admin, id)).filter((event) => event.subject === 'invitation.invite.status_changed.v1').map((event) => event.data['status'])
const submissionCount = async (id: string) => (await harness.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM invitation.submissions WHERE invite_id = $1', [id])).rows[0]?.n
/** Moves a session's start back: 40 minutes is past the 31-minute duration plus the 30 s grace. */
const startedMinutesAgo = async (id: string, minutes: number) => { await sql('UPDATE invitation.invites SET started_at = now() - make_interval(mins => $2) WHERE id = $1', [id, minutes]) }

describe('POST /api/invites/{invite_id}/revoke', () => {
  it('revokes sent and scheduled invites with revoked_at and a status event, and answers a repeat unchanged', async () => {
    const sent = await invite()
    const scheduled = await invite({ scheduled_date: new Date(Date.now() + 86_400_000).toISOString(), admin_scheduled: true })
    for (const created of [sent, scheduled]) {
      const response = await revoke(created.id)
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json<InviteJson>()
      expect(body).toMatchObject({ id: created.id, status: 'revoked', revoked_at: expect.stringMatching(/Z$/) })
      const events = await outboxFor(harness.admin, created.id)
      expect(events.at(-1)).toMatchObject({ data: { inviteId: created.id, status: 'revoked', previousStatus: created.status, changedAt: body.revoked_at } })

      // Idempotent: the same answer, no second event.
      const again = await revoke(created.id)
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual(body)
      expect(await statusesOf(created.id)).toEqual([created.status, 'revoked'])
    }
    // The applicant's link still reads (any status, as the original), but leads nowhere.
    expect((await call('GET', `/api/invites/token/${sent.invite_token}`)).json()).toMatchObject({ invite: { status: 'revoked' } })
    expect((await call('GET', `/api/take-test/${sent.invite_token}`)).statusCode).toBe(404)
    const schedule = await call('POST', `/api/invites/token/${sent.invite_token}/schedule`, undefined, { scheduled_date: new Date(Date.now() + 86_400_000).toISOString() })
    expect(schedule.json()).toEqual({ detail: 'This invite has been revoked and can no longer be scheduled', code: 'INVITATION_NOT_SCHEDULABLE' })
  })

  it('ends a session in progress: take-test, start, autosave and submit all refuse it, and its saved answers stay', async () => {
    const created = await started()
    expect((await call('PUT', `/api/take-test/${created.invite_token}/answers`, undefined, { answers: [{ question_id: mcq, answer: 'SELECT' }] })).statusCode).toBe(200)
    const response = await revoke(created.id)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'revoked', started_at: expect.any(String) })
    expect(await statusesOf(created.id)).toEqual(['sent', 'in_progress', 'revoked'])

    const take = await call('GET', `/api/take-test/${created.invite_token}`)
    expect([take.statusCode, take.json()]).toEqual([404, { detail: 'Invalid or expired test invite', code: 'INVITATION_TEST_INVITE_NOT_FOUND' }])
    const start = await call('POST', `/api/start-test/${created.invite_token}`)
    expect([start.statusCode, start.json()]).toEqual([409, { detail: 'This invite has been revoked and the test can no longer be started', code: 'INVITATION_NOT_STARTABLE' }])
    const revoked = { detail: 'This invite has been revoked', code: 'INVITATION_INVITE_REVOKED' }
    const save = await call('PUT', `/api/take-test/${created.invite_token}/answers`, undefined, { answers: [{ question_id: mcq, answer: 'GRAB' }] })
    expect([save.statusCode, save.json()]).toEqual([409, revoked])
    const submit = await call('POST', `/api/submit-test/${created.invite_token}`, undefined, { answers: [] })
    expect([submit.statusCode, submit.json()]).toEqual([409, revoked])

    expect(await submissionCount(created.id)).toBe(0)
    const { rows } = await harness.admin.query<{ answer: string }>('SELECT answer FROM invitation.saved_answers WHERE invite_id = $1', [created.id])
    expect(rows).toEqual([{ answer: 'SELECT' }])
  })

  it('answers 409 for completed and expired invites, saying why, and changes nothing', async () => {
    for (const [status, detail] of [
      ['completed', 'The test has already been completed; a completed invite cannot be revoked'],
      ['expired', 'This invite has already expired and cannot be revoked']
    ] as const) {
      const created = await invite()
      await sql('UPDATE invitation.invites SET status = $2 WHERE id = $1', [created.id, status])
      const response = await revoke(created.id)
      expect(response.statusCode, status).toBe(409)
      expect(response.json()).toEqual({ detail, code: 'INVITATION_NOT_REVOCABLE' })
      expect(await statusesOf(created.id)).toEqual(['sent'])
    }
  })
})

describe('POST /api/invites/{invite_id}/extend', () => {
  it('adds up extra time on open invites without a status event, up to a week in total', async () => {
    const sent = await invite()
    expect((await extend(sent.id, { extra_minutes: 15 })).json()).toMatchObject({ id: sent.id, status: 'sent', extra_minutes: 15 })
    expect((await extend(sent.id, { extra_minutes: 30 })).json()).toMatchObject({ extra_minutes: 45 })
    expect(await statusesOf(sent.id)).toEqual(['sent'])
    const scheduled = await invite({ scheduled_date: new Date(Date.now() + 86_400_000).toISOString(), admin_scheduled: true })
    expect((await extend(scheduled.id, { extra_minutes: 1440 })).json()).toMatchObject({ status: 'scheduled', extra_minutes: 1440 })

    await sql('UPDATE invitation.invites SET extra_minutes = 10000 WHERE id = $1', [sent.id])
    expect((await extend(sent.id, { extra_minutes: 80 })).json()).toMatchObject({ extra_minutes: 10_080 })
    const over = await extend(sent.id, { extra_minutes: 1 })
    expect(over.statusCode).toBe(409)
    expect(over.json()).toEqual({ detail: 'Extra time can add up to at most 10080 minutes per invite; this invite already has 10080', code: 'INVITATION_EXTRA_TIME_LIMIT' })
  })

  it('answers 422 for an amount that is not a whole number of minutes from 1 to 1440', async () => {
    const created = await invite()
    for (const body of [{}, { extra_minutes: 0 }, { extra_minutes: -5 }, { extra_minutes: 1441 }, { extra_minutes: 2.5 }, { extra_minutes: 'ten' }, { extra_minutes: null }]) {
      const response = await extend(created.id, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(422)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.any(Array) })
    }
    expect((await harness.admin.query('SELECT extra_minutes FROM invitation.invites WHERE id = $1', [created.id])).rows).toEqual([{ extra_minutes: 0 }])
  })

  it('answers 409 on completed, expired and revoked invites, saying why', async () => {
    for (const [status, detail] of [
      ['completed', 'The test has already been completed; extra time can no longer be given'],
      ['expired', 'This invite has expired; extra time can no longer be given'],
      ['revoked', 'This invite has been revoked; extra time can no longer be given']
    ] as const) {
      const created = await invite()
      await sql('UPDATE invitation.invites SET status = $2 WHERE id = $1', [created.id, status])
      const response = await extend(created.id, { extra_minutes: 10 })
      expect(response.statusCode, status).toBe(409)
      expect(response.json()).toEqual({ detail, code: 'INVITATION_NOT_EXTENDABLE' })
    }
  })

  it('moves a started session\'s deadline: take-test shows it, a late submit within it is taken, and auto-submit waits for it', { timeout: 30_000 }, async () => {
    const extended = await started()
    await startedMinutesAgo(extended.id, 40)
    // Without the extension it would be due; with 30 more minutes its deadline is 21 minutes away.
    expect((await extend(extended.id, { extra_minutes: 30 })).json()).toMatchObject({ status: 'in_progress', extra_minutes: 30 })
    const due = await started()
    await startedMinutesAgo(due.id, 40)
    const revoked = await started()
    await startedMinutesAgo(revoked.id, 40)
    expect((await revoke(revoked.id)).statusCode).toBe(200)

    const take = (await call('GET', `/api/take-test/${extended.invite_token}`)).json<{ invite: { started_at: string }, deadline: string, remaining_time_seconds: number }>()
    expect(take.deadline).toBe(new Date(new Date(take.invite.started_at).getTime() + 61 * 60_000).toISOString())
    expect(take.remaining_time_seconds).toBeGreaterThan(20 * 60)
    expect(take.remaining_time_seconds).toBeLessThanOrEqual(21 * 60)

    // The job submits the session that is due, and only that one.
    await harness.replica({ AUTO_SUBMIT_INTERVAL_MS: '20' })
    await waitFor('the due session to be auto-submitted', async () => await submissionCount(due.id) === 1 || undefined)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(await submissionCount(extended.id)).toBe(0)
    expect(await submissionCount(revoked.id)).toBe(0)
    expect(await statusesOf(revoked.id)).toEqual(['sent', 'in_progress', 'revoked'])

    expect((await call('PUT', `/api/take-test/${extended.invite_token}/answers`, undefined, { answers: [{ question_id: mcq, answer: 'SELECT' }] })).statusCode).toBe(200)
    const submit = await call('POST', `/api/submit-test/${extended.invite_token}`, undefined, { answers: [] })
    expect(submit.statusCode, submit.body).toBe(200)
  })
})

describe('the admin actions on one invite', () => {
  it('answer 404 "Invite not found" for unknown and malformed ids (an invite token is not an id)', async () => {
    const created = await invite()
    for (const id of [randomUUID(), 'nope', created.invite_token, randomBytes(32).toString('base64url')]) {
      for (const response of [await revoke(id), await extend(id, { extra_minutes: 5 })]) {
        expect(response.statusCode, id).toBe(404)
        expect(response.json()).toEqual({ detail: 'Invite not found', code: 'INVITATION_INVITE_NOT_FOUND' })
      }
    }
  })

  it('are for admins only', async () => {
    const created = await invite()
    const applicant = harness.caller('applicant', 'acted-on-1@example.com')
    for (const who of [undefined, applicant]) {
      expect((await call('POST', `/api/invites/${created.id}/revoke`, who)).statusCode).toBe(who === undefined ? 401 : 403)
      expect((await call('POST', `/api/invites/${created.id}/extend`, who, { extra_minutes: 5 })).statusCode).toBe(who === undefined ? 401 : 403)
    }
    expect(await statusesOf(created.id)).toEqual(['sent'])
  })
})
