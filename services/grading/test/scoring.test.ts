import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, gradedEvents, publishTest, submit, submittedTest, type Caller, type Harness, type Published, type Submitted } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let mixed: Published

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  // A 2-point multiple choice, a 5-point coding and a 1-point essay question: 8 points in all.
  mixed = await publishTest(harness)
})
afterAll(async () => { await harness.cleanup() })

type Answer = { id: string, question_id: string, question_type: string }

/** A graded submission of the mixed test (multiple choice right, the others answered) and its answers by type. */
async function submitted (overrides: Partial<Submitted> = {}): Promise<{ data: Submitted, mcq: Answer, coding: Answer, essay: Answer }> {
  const { data } = await submit(harness, submittedTest(mixed, overrides))
  const detail = (await call('GET', `/api/admin/scoring/${data.submissionId}`, admin)).json()
  const byType = (type: string) => detail.answers.find((answer: Answer) => answer.question_type === type) as Answer
  return { data, mcq: byType('multiple_choice'), coding: byType('coding'), essay: byType('essay') }
}

const score = async (submissionId: string, answerId: string, body: unknown, who: Caller = admin) =>
  await call('POST', `/api/admin/scoring/${submissionId}/answer/${answerId}`, who, body)

describe('GET /api/admin/scoring/{submission_id}', () => {
  it('shows the submission and every answer in question order, multiple choice included', async () => {
    const { data } = await submitted()
    const response = await call('GET', `/api/admin/scoring/${data.submissionId}`, admin)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.submission).toEqual({
      id: data.submissionId,
      applicant_email: data.applicantEmail,
      applicant_name: data.applicantName,
      test_id: mixed.testId,
      test_title: mixed.title,
      test_description: mixed.description,
      submitted_at: data.submittedAt,
      auto_score: 100,
      manual_score: null,
      final_score: 25,
      scoring_status: 'needs_review',
      reviewed_by: null,
      review_completed_at: null
    })
    expect(body.answers.map((answer: Answer) => answer.question_type)).toEqual(['multiple_choice', 'coding', 'essay'])
    expect(body.answers[1]).toEqual({
      id: expect.any(String),
      question_id: mixed.questions[1]?.id,
      question: 'Reverse a string',
      question_type: 'coding',
      points: 5,
      expected_language: 'python',
      options: null,
      correct_answer: 'return s[::-1]',
      answer: 'return s[::-1]',
      is_correct: null,
      manual_score: null,
      manual_score_status: 'pending',
      reviewer_id: null,
      review_comments: null,
      reviewed_at: null
    })
  })

  it('answers 404 "Submission not found" for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'nope']) {
      const response = await call('GET', `/api/admin/scoring/${id}`, admin)
      expect(response.statusCode).toBe(404)
      expect(response.json().detail).toBe('Submission not found')
    }
  })
})

describe('POST /api/admin/scoring/{submission_id}/answer/{answer_id}', () => {
  it('moves the status needs_review → partially_reviewed → fully_reviewed and back, republishing the grade each time', async () => {
    const reviewer = harness.caller('admin')
    const { data, coding, essay } = await submitted()
    const id = data.submissionId
    expect(await gradedEvents(harness.admin, id)).toHaveLength(1)

    const partial = await score(id, coding.id, { score_status: 'partial', manual_score: 3, comments: 'Works, but O(n²)' }, reviewer)
    expect(partial.statusCode, partial.body).toBe(200)
    // (2 + 3) of 8 points.
    expect(partial.json()).toEqual({ message: 'Answer scored successfully', submission_id: id, scoring_status: 'partially_reviewed', auto_score: 100, manual_score: 3, final_score: 62.5 })

    const full = await score(id, essay.id, { score_status: 'correct', manual_score: 1 }, reviewer)
    expect(full.json()).toMatchObject({ scoring_status: 'fully_reviewed', manual_score: 4, final_score: 75 })
    const detail = (await call('GET', `/api/admin/scoring/${id}`, admin)).json()
    expect(detail.submission).toMatchObject({ scoring_status: 'fully_reviewed', reviewed_by: reviewer.id, review_completed_at: expect.any(String) })
    expect(detail.answers[1]).toMatchObject({ manual_score: 3, manual_score_status: 'partial', reviewer_id: reviewer.id, review_comments: 'Works, but O(n²)', reviewed_at: expect.any(String) })

    // Back to pending: the submission is open again, and the completion is cleared.
    const reopened = await score(id, coding.id, { score_status: 'pending', manual_score: 0 })
    expect(reopened.json()).toMatchObject({ scoring_status: 'partially_reviewed', manual_score: 1, final_score: 37.5 })
    const again = (await call('GET', `/api/admin/scoring/${id}`, admin)).json()
    expect(again.submission).toMatchObject({ reviewed_by: null, review_completed_at: null })
    expect(again.answers[1]).toMatchObject({ manual_score: null, manual_score_status: 'pending', review_comments: 'Works, but O(n²)' })
    const none = await score(id, essay.id, { score_status: 'pending', manual_score: 0, comments: null })
    expect(none.json()).toMatchObject({ scoring_status: 'needs_review', manual_score: null, final_score: 25 })

    const events = await gradedEvents(harness.admin, id)
    expect(events.map((event) => [event.scoringStatus, event.finalScore])).toEqual([
      ['needs_review', 25], ['partially_reviewed', 62.5], ['fully_reviewed', 75], ['partially_reviewed', 37.5], ['needs_review', 25]
    ])
    expect(events.at(-1)).toMatchObject({ submissionId: id, inviteId: data.inviteId, testId: mixed.testId, manualScore: null })
    // Results and the applicant's own list show the new totals at once.
    expect((await call('GET', `/api/results/${id}`, admin)).json()).toMatchObject({ score: 25, scoring_status: 'needs_review' })
  })

  it('caps the score at the question\'s points and refuses a negative one (422 naming manual_score), changing nothing', async () => {
    const { data, coding } = await submitted()
    for (const manualScore of [5.5, 6, -1]) {
      const response = await score(data.submissionId, coding.id, { score_status: 'partial', manual_score: manualScore })
      expect(response.statusCode, String(manualScore)).toBe(422)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ loc: ['body', 'manual_score'] })] })
    }
    expect((await score(data.submissionId, coding.id, { score_status: 'correct', manual_score: 5 })).json()).toMatchObject({ final_score: 87.5 })
    expect(await gradedEvents(harness.admin, data.submissionId)).toHaveLength(2)
  })

  it('answers 422 for a missing or bad score_status or manual_score', async () => {
    const { data, coding } = await submitted()
    const cases: [unknown, string][] = [
      [{ manual_score: 1 }, 'score_status'],
      [{ score_status: 'partial' }, 'manual_score'],
      [{ score_status: 'great', manual_score: 1 }, 'score_status'],
      [{ score_status: 'partial', manual_score: 'lots' }, 'manual_score']
    ]
    for (const [body, field] of cases) {
      const response = await score(data.submissionId, coding.id, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(422)
      expect(response.json().errors[0].loc).toEqual(['body', field])
    }
    expect((await score(data.submissionId, coding.id, undefined)).statusCode).toBe(422)
  })

  it('scores only essay and coding answers: a multiple choice answer is 409', async () => {
    const { data, mcq } = await submitted()
    const response = await score(data.submissionId, mcq.id, { score_status: 'correct', manual_score: 2 })
    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('GRADING_ANSWER_NOT_REVIEWABLE')
  })

  it('answers 404 for an unknown or malformed submission or answer, and for an answer of another submission', async () => {
    const first = await submitted()
    const second = await submitted()
    const body = { score_status: 'correct', manual_score: 1 }
    const notFound = async (submissionId: string, answerId: string, detail: string) => {
      const response = await score(submissionId, answerId, body)
      expect(response.statusCode, `${submissionId} ${answerId}`).toBe(404)
      expect(response.json().detail).toBe(detail)
    }
    await notFound(randomUUID(), first.essay.id, 'Submission not found')
    await notFound('not-a-uuid', first.essay.id, 'Submission not found')
    await notFound(first.data.submissionId, randomUUID(), 'Answer not found')
    await notFound(first.data.submissionId, 'x', 'Answer not found')
    await notFound(first.data.submissionId, second.essay.id, 'Answer not found')
    expect(await gradedEvents(harness.admin, second.data.submissionId)).toHaveLength(1)
  })

  it('serialises concurrent reviews of one submission: both count', async () => {
    const { data, coding, essay } = await submitted()
    const [a, b] = await Promise.all([
      score(data.submissionId, coding.id, { score_status: 'correct', manual_score: 5 }),
      score(data.submissionId, essay.id, { score_status: 'correct', manual_score: 1 })
    ])
    expect([a?.statusCode, b?.statusCode]).toEqual([200, 200])
    const detail = (await call('GET', `/api/admin/scoring/${data.submissionId}`, admin)).json()
    expect(detail.submission).toMatchObject({ scoring_status: 'fully_reviewed', manual_score: 6, final_score: 100 })
    expect((await gradedEvents(harness.admin, data.submissionId)).at(-1)).toMatchObject({ scoringStatus: 'fully_reviewed', finalScore: 100 })
  })
})

describe('GET /api/admin/scoring-queue', () => {
  it('lists submissions waiting for a reviewer, oldest first, with their answer counts', async () => {
    const version = await publishTest(harness)
    const day = '2020-01-0'
    const waiting = (await submit(harness, submittedTest(version, { submittedAt: `${day}2T00:00:00.000Z` }))).data
    const older = (await submit(harness, submittedTest(version, { submittedAt: `${day}1T00:00:00.000Z` }))).data
    // The essay left empty: wrong at once, so only the coding answer waits.
    const [mcq, coding, essay] = version.questions
    const halfEmpty = (await submit(harness, submittedTest(version, {
      submittedAt: `${day}3T00:00:00.000Z`,
      answers: [{ questionId: mcq!.id, answer: 'SELECT' }, { questionId: coding!.id, answer: 'code' }, { questionId: essay!.id, answer: '' }]
    }))).data
    const autoOnly = (await submit(harness, submittedTest(await publishTest(harness, undefined, 1, 'mcq'), { submittedAt: `${day}1T00:00:00.000Z` }))).data
    const reviewed = await submitted({ submittedAt: `${day}1T00:00:00.000Z` })
    await score(reviewed.data.submissionId, reviewed.coding.id, { score_status: 'wrong', manual_score: 0 })
    await score(reviewed.data.submissionId, reviewed.essay.id, { score_status: 'wrong', manual_score: 0 })

    const response = await call('GET', '/api/admin/scoring-queue', admin)
    expect(response.statusCode, response.body).toBe(200)
    const queue = response.json().submissions as { submission_id: string }[]
    const ids = queue.map((row) => row.submission_id)
    expect(ids).not.toContain(autoOnly.submissionId)
    expect(ids).not.toContain(reviewed.data.submissionId)
    const mine = queue.filter((row) => [older, waiting, halfEmpty].some((each) => each.submissionId === row.submission_id))
    expect(mine).toEqual([
      {
        submission_id: older.submissionId,
        applicant_email: older.applicantEmail,
        applicant_name: older.applicantName,
        test_title: version.title,
        test_id: version.testId,
        submitted_at: older.submittedAt,
        scoring_status: 'needs_review',
        total_answers: 3,
        manual_questions: 2,
        pending_reviews: 2
      },
      expect.objectContaining({ submission_id: waiting.submissionId }),
      expect.objectContaining({ submission_id: halfEmpty.submissionId, total_answers: 3, manual_questions: 2, pending_reviews: 1 })
    ])
    // Oldest first over the whole queue, and D18 paging.
    expect(ids.indexOf(older.submissionId)).toBe(0)
    expect((await call('GET', '/api/admin/scoring-queue?limit=1&offset=1', admin)).json().submissions).toEqual([expect.objectContaining({ submission_id: ids[1] })])
    expect((await call('GET', '/api/admin/scoring-queue?limit=0', admin)).statusCode).toBe(422)
  })
})

describe('POST /api/admin/fix-monitoring-status', () => {
  it('sets every submission\'s is_monitored again from the monitored invites', async () => {
    const monitored = (await submit(harness, submittedTest(mixed))).data
    const unmonitored = (await submit(harness, submittedTest(mixed))).data
    await harness.admin.query('INSERT INTO grading.monitored_invites (invite_id, monitored_at) VALUES ($1, now())', [monitored.inviteId])
    // Both rows wrong, as a lost or mis-ordered report would leave them.
    await harness.admin.query('UPDATE grading.submissions SET is_monitored = (id = $2) WHERE id IN ($1, $2)', [monitored.submissionId, unmonitored.submissionId])

    const response = await call('POST', '/api/admin/fix-monitoring-status', admin)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ message: 'Monitoring status updated for all submissions', updated: 2 })
    expect((await call('GET', `/api/results/${monitored.submissionId}`, admin)).json().is_monitored).toBe(true)
    expect((await call('GET', `/api/results/${unmonitored.submissionId}`, admin)).json().is_monitored).toBe(false)
    expect((await call('POST', '/api/admin/fix-monitoring-status', admin)).json().updated).toBe(0)
  })
})

describe('POST /api/admin/auto-review/{submission_id}', () => {
  it('is out of this version: 501 with a clear detail', async () => {
    const response = await call('POST', `/api/admin/auto-review/${randomUUID()}`, admin, { geminiApiKey: 'k' })
    expect(response.statusCode).toBe(501)
    expect(response.json()).toEqual({ detail: expect.stringContaining('not available in this version'), code: 'GRADING_NOT_IMPLEMENTED' })
  })
})

describe('admin routes and applicants', () => {
  it('answers 403 to an applicant on every admin route (with the original\'s texts), 401 without a token', async () => {
    const { data, essay } = await submitted()
    const applicant = harness.caller('applicant', data.applicantEmail)
    const routes: ['GET' | 'POST', string, string][] = [
      ['GET', '/api/results', 'Not enough permissions'],
      ['GET', `/api/results/${data.submissionId}`, 'Not enough permissions'],
      ['GET', '/api/results/export.csv', 'Not enough permissions'],
      ['POST', '/api/admin/fix-monitoring-status', 'Not enough permissions'],
      ['GET', '/api/admin/scoring-queue', 'Admin access required'],
      ['GET', `/api/admin/scoring/${data.submissionId}`, 'Admin access required'],
      ['POST', `/api/admin/scoring/${data.submissionId}/answer/${essay.id}`, 'Admin access required'],
      ['POST', `/api/admin/auto-review/${data.submissionId}`, 'Admin access required']
    ]
    for (const [method, url, detail] of routes) {
      const body = method === 'POST' ? { score_status: 'correct', manual_score: 1 } : undefined
      const forbidden = await call(method, url, applicant, body)
      expect(forbidden.statusCode, url).toBe(403)
      expect(forbidden.json(), url).toEqual({ detail, code: 'AUTH_FORBIDDEN' })
      expect((await call(method, url, undefined, body)).statusCode, url).toBe(401)
    }
    // Even the submission's own applicant: nothing was scored, and /my-submissions shows only scores.
    expect(await gradedEvents(harness.admin, data.submissionId)).toHaveLength(1)
    expect((await call('GET', '/api/my-submissions', applicant)).json()).toEqual([expect.objectContaining({ id: data.submissionId, scoring_status: 'needs_review' })])
  })
})
