import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { waitFor } from '@repo/testing'
import { createHarness, gradedEvents, publishTest, submit, submittedTest, type Harness, type Published } from './helpers.js'

let harness: Harness

beforeAll(async () => { harness = await createHarness() })
afterAll(async () => { await harness.cleanup() })

type SubmissionDb = { id: string, test_version: number, auto_score: number, manual_score: number | null, final_score: number, scoring_status: string, is_monitored: boolean, graded_at: Date }
type AnswerDb = { question_id: string, question_order: number, question_type: string, points: number, answer: string, is_correct: boolean | null, manual_score: number | null, manual_score_status: string | null, review_comments: string | null }

const submissionRows = async (where: string, value: string) =>
  (await harness.admin.query<SubmissionDb>(`SELECT * FROM grading.submissions WHERE ${where} = $1`, [value])).rows
const answerRows = async (submissionId: string) =>
  (await harness.admin.query<AnswerDb>('SELECT * FROM grading.answers WHERE submission_id = $1 ORDER BY question_order', [submissionId])).rows
const question = (version: Published, index: number) => {
  const found = version.questions[index]
  if (found === undefined) throw new Error(`no question ${index}`)
  return found
}

describe('invitation.test.submitted.v1: scoring', () => {
  it('grades a multiple choice test by exact match, stores one answer per question and publishes the grade with it', async () => {
    const version = await publishTest(harness, randomUUID(), 1, 'mcq')
    // The second answer differs only in case: wrong (API.md rule 3). A duplicate answer counts once (D13).
    const data = submittedTest(version, {
      answers: [
        { questionId: question(version, 0).id, answer: 'SELECT' },
        { questionId: question(version, 0).id, answer: 'SELECT' },
        { questionId: question(version, 1).id, answer: 'b' },
        { questionId: randomUUID(), answer: 'an unknown question is dropped' }
      ]
    })
    await submit(harness, data)

    const [row] = await submissionRows('id', data.submissionId)
    expect(row).toMatchObject({ test_version: 1, auto_score: 40, manual_score: null, final_score: 40, scoring_status: 'auto_only', is_monitored: false })
    expect(await answerRows(data.submissionId)).toMatchObject([
      { question_type: 'multiple_choice', points: 2, answer: 'SELECT', is_correct: true, manual_score_status: null },
      { question_type: 'multiple_choice', points: 3, answer: 'b', is_correct: false, manual_score_status: null }
    ])
    expect(await gradedEvents(harness.admin, data.submissionId)).toEqual([{
      submissionId: data.submissionId,
      inviteId: data.inviteId,
      testId: version.testId,
      scoringStatus: 'auto_only',
      autoScore: 40,
      manualScore: null,
      finalScore: 40,
      gradedAt: row?.graded_at.toISOString()
    }])
    // The relay publishes it to grading's stream.
    await waitFor('the graded event on the stream', async () =>
      (await harness.streamed(catalog.grading.SubmissionGradedV1.subject)).some((envelope) => envelope.data.submissionId === data.submissionId) || undefined)
  })

  it('grades a mixed test: multiple choice at once, attempted essay and coding answers wait for a reviewer', async () => {
    const version = await publishTest(harness)
    const data = submittedTest(version)
    await submit(harness, data)

    expect((await submissionRows('id', data.submissionId))[0]).toMatchObject({ auto_score: 100, manual_score: null, final_score: 25, scoring_status: 'needs_review' })
    expect(await answerRows(data.submissionId)).toMatchObject([
      { question_id: question(version, 0).id, question_type: 'multiple_choice', is_correct: true },
      { question_id: question(version, 1).id, question_type: 'coding', points: 5, answer: 'return s[::-1]', is_correct: null, manual_score: null, manual_score_status: 'pending' },
      { question_id: question(version, 2).id, question_type: 'essay', points: 1, answer: 'My answer', manual_score_status: 'pending' }
    ])
    expect(await gradedEvents(harness.admin, data.submissionId)).toMatchObject([{ scoringStatus: 'needs_review', autoScore: 100, manualScore: null, finalScore: 25 }])
  })

  it('grades a manual-only test: an unanswered question is wrong at once, the other waits; all unanswered is fully reviewed', async () => {
    const version = await publishTest(harness, randomUUID(), 1, 'manual')
    const half = submittedTest(version, { answers: [{ questionId: question(version, 0).id, answer: 'def f(s): return s[::-1]' }] })
    await submit(harness, half)
    expect((await submissionRows('id', half.submissionId))[0]).toMatchObject({ auto_score: 0, manual_score: 0, final_score: 0, scoring_status: 'needs_review' })
    expect(await answerRows(half.submissionId)).toMatchObject([
      { question_type: 'coding', manual_score_status: 'pending', manual_score: null },
      { question_type: 'essay', answer: '', manual_score_status: 'wrong', manual_score: 0, review_comments: 'Not attempted' }
    ])

    const empty = submittedTest(version, { answers: [], autoSubmitted: true })
    await submit(harness, empty)
    expect((await submissionRows('id', empty.submissionId))[0]).toMatchObject({ final_score: 0, scoring_status: 'fully_reviewed' })
    expect(await gradedEvents(harness.admin, empty.submissionId)).toMatchObject([{ scoringStatus: 'fully_reviewed', finalScore: 0 }])
  })

  it('scores against the version the invite was pinned to, even when a newer one exists', async () => {
    const v1 = await publishTest(harness, randomUUID(), 1, 'mcq')
    // Version 2 has other question ids and keys: answers to version 1 would all be wrong against it.
    const v2 = await publishTest(harness, v1.testId, 2, 'mixed')
    const data = submittedTest(v1)
    await submit(harness, data)
    expect((await submissionRows('id', data.submissionId))[0]).toMatchObject({ test_version: 1, final_score: 100, scoring_status: 'auto_only' })
    expect((await answerRows(data.submissionId)).map((row) => row.question_id)).toEqual(v1.questions.map((each) => each.id))
    expect(v2.questions.map((each) => each.id)).not.toContain(question(v1, 0).id)
  })
})

describe('invitation.test.submitted.v1: redelivery', () => {
  it('never makes a second submission; each copy publishes the current grade again', async () => {
    const version = await publishTest(harness)
    const data = submittedTest(version)
    await submit(harness, data)
    // Invitation's republish: the same payload under a new event id.
    await submit(harness, data)
    // Another submission id for the same invite is the same submission (an invite has one).
    await submit(harness, { ...data, submissionId: randomUUID() })
    // A reviewer scored the coding answer since (as the score-an-answer route would store it).
    const reviewedAt = new Date(Date.now() + 60_000)
    await harness.admin.query('UPDATE grading.submissions SET final_score = 60, manual_score = 5, scoring_status = \'partially_reviewed\' WHERE id = $1', [data.submissionId])
    await harness.admin.query('UPDATE grading.answers SET manual_score = 5, manual_score_status = \'correct\', reviewed_at = $2 WHERE submission_id = $1 AND question_type = \'coding\'', [data.submissionId, reviewedAt])
    await submit(harness, data)

    expect(await submissionRows('invite_id', data.inviteId)).toHaveLength(1)
    expect(await answerRows(data.submissionId)).toHaveLength(3)
    const graded = await gradedEvents(harness.admin, data.submissionId)
    expect(graded.map((event) => [event.scoringStatus, event.finalScore])).toEqual([
      ['needs_review', 25], ['needs_review', 25], ['needs_review', 25], ['partially_reviewed', 60]
    ])
    // gradedAt: when those totals were set (the grading, then the review).
    expect(new Set(graded.slice(0, 3).map((event) => event.gradedAt)).size).toBe(1)
    expect(graded[3]?.gradedAt).toBe(reviewedAt.toISOString())
  })
})

describe('signaling.session.connected.v1', () => {
  it('marks a submission monitored whether the report comes before or after it, once per invite', async () => {
    const version = await publishTest(harness, randomUUID(), 1, 'mcq')
    const before = submittedTest(version)
    const after = submittedTest(version)
    const other = submittedTest(version)
    const monitored = (inviteId: string) => harness.publish(catalog.signaling.SessionConnectedV1, { inviteId, connectedAt: new Date().toISOString() })

    await harness.handled(await monitored(before.inviteId))
    await harness.handled(await monitored(before.inviteId))
    await submit(harness, before)
    await submit(harness, after)
    await submit(harness, other)
    await harness.handled(await monitored(after.inviteId))

    for (const [data, expected] of [[before, true], [after, true], [other, false]] as const) {
      expect((await submissionRows('id', data.submissionId))[0]?.is_monitored).toBe(expected)
    }
    const { rows } = await harness.admin.query('SELECT invite_id FROM grading.monitored_invites WHERE invite_id = ANY($1)', [[before.inviteId, after.inviteId, other.inviteId]])
    expect(rows).toHaveLength(2)
  })
})
