import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { waitFor } from '@repo/testing'
import { caller, createHarness, publishTest, type Caller, type Harness, type Published } from './helpers.js'

type InviteJson = { id: string, invite_token: string }
type SubmitJson = { submission_id: string, scoring_status: string }

const SUBMITTED = catalog.invitation.TestSubmittedV1.subject
const STARTED = catalog.invitation.TestStartedV1.subject

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let published: Published

beforeAll(async () => {
  // Unconfirmed submissions are published again after 400 ms, looked for every 100 ms.
  harness = await createHarness({ GRADING_CONFIRM_TIMEOUT_MS: '400', GRADING_CONFIRM_INTERVAL_MS: '100' })
  call = caller(harness.app)
  admin = harness.caller('admin')
  published = await publishTest(harness)
})
afterAll(async () => { await harness.cleanup() })

async function startedInvite (email = `sub-${randomUUID()}@example.com`): Promise<InviteJson> {
  const created = await call('POST', '/api/invites', admin, { test_id: published.testId, applicant_email: email, applicant_name: 'Sam Sub' })
  expect(created.statusCode, created.body).toBe(200)
  const invite = created.json<InviteJson>()
  expect((await call('POST', `/api/start-test/${invite.invite_token}`)).statusCode).toBe(200)
  return invite
}

async function submit (invite: InviteJson, answers: { question_id: string, answer: string }[] = []): Promise<SubmitJson> {
  const response = await call('POST', `/api/submit-test/${invite.invite_token}`, undefined, { answers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<SubmitJson>()
}

const submittedEvents = async (submissionId: string) =>
  (await harness.streamed(SUBMITTED)).filter((envelope) => envelope.data.submissionId === submissionId)

const grade = async (submissionId: string, inviteId: string) => {
  await harness.handled(await harness.publish(catalog.grading.SubmissionGradedV1, {
    submissionId,
    inviteId,
    testId: published.testId,
    scoringStatus: 'needs_review',
    autoScore: 100,
    manualScore: null,
    finalScore: 100,
    gradedAt: new Date().toISOString()
  }))
}

describe('invitation.test.started.v1', () => {
  it('is published on start with the server deadline, and not again when the start is repeated', async () => {
    const invite = await startedInvite()
    expect((await call('POST', `/api/start-test/${invite.invite_token}`)).statusCode).toBe(200)
    const started = await waitFor('the started event', async () => {
      const events = (await harness.streamed(STARTED)).filter((envelope) => envelope.data.inviteId === invite.id)
      return events.length > 0 ? events : undefined
    })
    expect(started).toHaveLength(1)
    const data = started[0]?.data ?? {}
    expect(data).toMatchObject({ testId: published.testId, testVersion: 1, testTitle: published.title, applicantName: 'Sam Sub', invitedBy: admin.id })
    const startedAt = new Date(String(data.startedAt)).getTime()
    expect(new Date(String(data.deadline)).getTime() - startedAt).toBe(published.durationMinutes * 60_000)
  })
})

describe('invitation.test.submitted.v1', () => {
  it('carries the final answers in the pinned version\'s order, the invite, the applicant and the times', async () => {
    const invite = await startedInvite()
    const [coding, mcq] = published.questions
    const result = await submit(invite, [{ question_id: mcq?.id ?? '', answer: 'SELECT' }, { question_id: coding?.id ?? '', answer: 'print(s[::-1])' }])
    expect(result.scoring_status).toBe('pending')
    const [event] = await waitFor('the submitted event', async () => {
      const events = await submittedEvents(result.submission_id)
      return events.length > 0 ? events : undefined
    })
    expect(event?.data).toMatchObject({
      inviteId: invite.id,
      inviteToken: invite.invite_token,
      testId: published.testId,
      testVersion: 1,
      applicantName: 'Sam Sub',
      invitedBy: admin.id,
      autoSubmitted: false,
      // Questions in `order`: the multiple choice (0), the coding (1), the essay (2), unanswered.
      answers: [
        { questionId: mcq?.id, answer: 'SELECT' },
        { questionId: coding?.id, answer: 'print(s[::-1])' },
        { questionId: published.questions[2]?.id, answer: '' }
      ]
    })
    expect(Date.parse(String(event?.data.submittedAt))).toBeGreaterThanOrEqual(Date.parse(String(event?.data.startedAt)))
  })

  it('is published again until grading confirms it, then no more', async () => {
    const invite = await startedInvite()
    const { submission_id: submissionId } = await submit(invite)
    // Nobody grades it: after the timeout the same submission goes out again under a new event id.
    const events = await waitFor('a republish', async () => {
      const found = await submittedEvents(submissionId)
      return found.length >= 2 ? found : undefined
    })
    expect(new Set(events.map((envelope) => envelope.id)).size).toBe(events.length)
    expect(events[1]?.data).toEqual(events[0]?.data)

    await grade(submissionId, invite.id)
    const { rows } = await harness.admin.query<{ graded_at: Date | null }>('SELECT graded_at FROM invitation.submissions WHERE id = $1', [submissionId])
    expect(rows[0]?.graded_at).toBeInstanceOf(Date)
    // Once confirmed, waiting several timeouts publishes nothing more.
    const settled = (await submittedEvents(submissionId)).length
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const outboxed = await harness.admin.query<{ count: string }>(
      "SELECT count(*) FROM invitation.outbox WHERE subject = $1 AND envelope->'data'->>'submissionId' = $2", [SUBMITTED, submissionId])
    expect(Number(outboxed.rows[0]?.count)).toBe(settled)
  })

  it('a graded submission is not published again, and a later grade keeps the first confirmation time', async () => {
    const invite = await startedInvite()
    const { submission_id: submissionId } = await submit(invite)
    await grade(submissionId, invite.id)
    const first = await harness.admin.query<{ graded_at: Date }>('SELECT graded_at FROM invitation.submissions WHERE id = $1', [submissionId])
    await grade(submissionId, invite.id)
    const second = await harness.admin.query<{ graded_at: Date, publish_count: number }>('SELECT graded_at, publish_count FROM invitation.submissions WHERE id = $1', [submissionId])
    expect(second.rows[0]?.graded_at).toEqual(first.rows[0]?.graded_at)
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect((await submittedEvents(submissionId))).toHaveLength(1)
  })

  it('two replicas republishing at once publish each round once', async () => {
    const replica = await harness.replica({ GRADING_CONFIRM_TIMEOUT_MS: '400', GRADING_CONFIRM_INTERVAL_MS: '50' })
    expect(replica.app).toBeDefined()
    const invite = await startedInvite()
    const { submission_id: submissionId } = await submit(invite)
    await waitFor('three republishes', async () => (await submittedEvents(submissionId)).length >= 4 || undefined)
    await grade(submissionId, invite.id)
    const { rows } = await harness.admin.query<{ publish_count: number }>('SELECT publish_count FROM invitation.submissions WHERE id = $1', [submissionId])
    const outboxed = await harness.admin.query<{ count: string }>(
      "SELECT count(*) FROM invitation.outbox WHERE subject = $1 AND envelope->'data'->>'submissionId' = $2", [SUBMITTED, submissionId])
    expect(Number(outboxed.rows[0]?.count)).toBe(rows[0]?.publish_count)
    // Two replicas polling every 50 ms, yet no two publishes closer than the 400 ms timeout.
    const times = await harness.admin.query<{ created_at: Date }>(
      "SELECT created_at FROM invitation.outbox WHERE subject = $1 AND envelope->'data'->>'submissionId' = $2 ORDER BY created_at", [SUBMITTED, submissionId])
    const gaps = times.rows.slice(1).map((row, index) => row.created_at.getTime() - (times.rows[index]?.created_at.getTime() ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(400)
  })

  it('a graded event for a submission unknown here is consumed without effect', async () => {
    const id = await harness.publish(catalog.grading.SubmissionGradedV1, {
      submissionId: randomUUID(), inviteId: randomUUID(), testId: randomUUID(), scoringStatus: 'auto_only', autoScore: 0, manualScore: null, finalScore: 0, gradedAt: new Date().toISOString()
    })
    await harness.handled(id)
    const { rows } = await harness.admin.query('SELECT 1 FROM invitation.dead_letters')
    expect(rows).toHaveLength(0)
  })
})
