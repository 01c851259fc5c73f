import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { client, screeningTest, type Json } from '../src/client.js'
import { SUPERADMIN } from '../src/superadmin.js'

// Grading's public surface through the gateway (API.md 2.5, 2.6): an applicant takes a test, grading
// scores it from the submitted event, the admin reviews the essay and the final score follows.
const gatewayUrl = inject('gatewayUrl')
const api = client(`${gatewayUrl}/api`)
const unique = Date.now().toString(36)
const applicant = { email: `grader-${unique}@example.com`, password: 'correct horse battery', full_name: 'Gail Grader' }
const stranger = { email: `stranger-${unique}@example.com`, password: 'correct horse battery', full_name: 'Sam Stranger' }
// Put through the CSV export: a comma, quotes, and a formula a spreadsheet would run.
const applicantName = `=Gail, "G" Grader ${unique}`

describe('grading through the gateway', () => {
  let adminToken: string
  let applicantToken: string
  let strangerToken: string
  let test: Json
  let submissionId: string

  beforeAll(async () => {
    adminToken = await api.login(SUPERADMIN.email, SUPERADMIN.password)
    for (const user of [applicant, stranger]) expect((await api.post('/auth/register', user)).status).toBe(200)
    applicantToken = await api.login(applicant.email, applicant.password)
    strangerToken = await api.login(stranger.email, stranger.password)
    const created = await api.post('/tests', screeningTest(`Grading e2e ${unique}`), adminToken)
    expect(created.status, JSON.stringify(created.body)).toBe(200)
    test = created.body

    const invite = await api.post('/invites', { test_id: test.id, applicant_email: applicant.email, applicant_name: applicantName }, adminToken)
    expect(invite.status, JSON.stringify(invite.body)).toBe(200)
    const token = invite.body.invite_token as string
    expect((await api.post(`/start-test/${token}`)).status).toBe(200)
    const [mcq, essay] = test.questions as Json[]
    const submitted = await api.post(`/submit-test/${token}`, {
      answers: [{ question_id: mcq.id, answer: '5432' }, { question_id: essay.id, answer: 'A column drop, because rollbacks are slow.' }]
    })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    submissionId = submitted.body.submission_id
  })

  it('grades the submission: /results lists it with the automatic score once graded', async () => {
    const listed = await waitFor('the submission to be graded', async () => {
      const response = await api.get(`/results?test_id=${test.id as string}`, adminToken)
      return response.body.results?.length === 1 ? response.body : undefined
    })
    // The multiple choice question is right: 2 of 3 points; the essay waits for a reviewer.
    expect(listed.results[0]).toMatchObject({
      submission_id: submissionId,
      applicant_name: applicantName,
      applicant_email: applicant.email,
      test_title: test.title,
      test_duration_minutes: 30,
      score: 66.67,
      auto_score: 100,
      scoring_status: 'needs_review'
    })
    expect(listed.pagination).toEqual({ page: 1, limit: 10, total: 1, total_pages: 1, has_next: false, has_prev: false })
    expect((await api.get('/results?page=0', adminToken)).status).toBe(422)
    const detail = await api.get(`/results/${submissionId}`, adminToken)
    expect(detail.body.answers.map((answer: Json) => [answer.question_type, answer.correct_answer])).toEqual([['multiple_choice', '5432'], ['essay', null]])
  })

  it('shows the applicant their own submission in /my-submissions, without answers', async () => {
    const mine = await api.get('/my-submissions', applicantToken)
    expect(mine.status).toBe(200)
    expect(mine.body).toEqual([expect.objectContaining({ id: submissionId, test_title: test.title, invite_status: 'completed', final_score: 66.67, scoring_status: 'needs_review' })])
    expect(JSON.stringify(mine.body)).not.toMatch(/correct_?answer|5432/)
    expect((await api.get('/my-submissions', strangerToken)).body).toEqual([])
    // One by id: the owner reads it; another applicant gets the same 404 as for a missing one.
    expect((await api.get(`/my-submissions/${submissionId}`, applicantToken)).body).toMatchObject({ id: submissionId })
    expect((await api.get(`/my-submissions/${submissionId}`, strangerToken)).status).toBe(404)
  })

  it('lets the admin review the essay: the queue lists it, scoring it makes the final score 100', async () => {
    const queue = await api.get('/admin/scoring-queue', adminToken)
    expect(queue.body.submissions).toContainEqual(expect.objectContaining({ submission_id: submissionId, manual_questions: 1, pending_reviews: 1 }))
    const detail = await api.get(`/admin/scoring/${submissionId}`, adminToken)
    const essay = detail.body.answers.find((answer: Json) => answer.question_type === 'essay')
    expect((await api.post(`/admin/scoring/${submissionId}/answer/${essay.id as string}`, { score_status: 'correct', manual_score: 2 }, adminToken)).status).toBe(422)
    const scored = await api.post(`/admin/scoring/${submissionId}/answer/${essay.id as string}`, { score_status: 'correct', manual_score: 1, comments: 'Good' }, adminToken)
    expect(scored.body).toMatchObject({ message: 'Answer scored successfully', scoring_status: 'fully_reviewed', final_score: 100 })
    expect((await api.get(`/results/${submissionId}`, adminToken)).body).toMatchObject({ score: 100, scoring_status: 'fully_reviewed' })
    expect((await api.get('/my-submissions', applicantToken)).body[0]).toMatchObject({ final_score: 100, manual_score: 1 })
    expect((await api.get('/admin/scoring-queue', adminToken)).body.submissions.map((row: Json) => row.submission_id)).not.toContain(submissionId)
  })

  it('keeps applicants out of every admin route (403) and answers 404 for unknown submissions', async () => {
    for (const token of [applicantToken, strangerToken]) {
      for (const path of [`/results/${submissionId}`, '/results', '/results/export.csv', '/admin/scoring-queue', `/admin/scoring/${submissionId}`]) {
        expect((await api.get(path, token)).status, path).toBe(403)
      }
      expect((await api.post('/admin/fix-monitoring-status', undefined, token)).status).toBe(403)
      expect((await api.post(`/admin/scoring/${submissionId}/answer/${submissionId}`, { score_status: 'correct', manual_score: 1 }, token)).status).toBe(403)
    }
    expect((await api.get('/results/not-a-submission', adminToken)).status).toBe(404)
    expect((await api.get('/admin/scoring/00000000-0000-4000-8000-000000000000', adminToken)).status).toBe(404)
    expect((await api.post(`/admin/auto-review/${submissionId}`, { geminiApiKey: 'k' }, adminToken)).status).toBe(501)
    expect((await api.post('/admin/fix-monitoring-status', undefined, adminToken)).body).toMatchObject({ message: 'Monitoring status updated for all submissions' })
  })

  it('downloads the results as CSV, quoted and guarded against formulas', async () => {
    const response = await fetch(`${gatewayUrl}/api/results/export.csv?test_id=${test.id as string}`, { headers: { authorization: `Bearer ${adminToken}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="results.csv"')
    const rows = parse<Record<string, string>>(await response.text(), { columns: true })
    expect(rows).toEqual([expect.objectContaining({ submission_id: submissionId, applicant_name: `'${applicantName}`, score: '100', scoring_status: 'fully_reviewed' })])
  })
})
