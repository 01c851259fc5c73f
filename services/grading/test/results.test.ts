import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gradingDb } from '../src/db/database.js'
import { exportResults } from '../src/use-cases/export-results.js'
import { caller, createHarness, publishTest, submit, submittedTest, type Caller, type Harness, type Published, type Submitted } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

/** Submits one graded submission of `version` per override, in order. */
async function submitAll (version: Published, overrides: Partial<Submitted>[]): Promise<Submitted[]> {
  const done: Submitted[] = []
  for (const each of overrides) done.push((await submit(harness, submittedTest(version, each))).data)
  return done
}

const at = (day: string, time = '12:00:00.000') => new Date(`${day}T${time}Z`).toISOString()

describe('GET /api/results', () => {
  let version: Published
  let rows: Submitted[]

  beforeAll(async () => {
    version = await publishTest(harness)
    // Five submissions of one test over three days, oldest first; the day boundaries are exact.
    rows = await submitAll(version, [
      { submittedAt: at('2024-03-01', '00:00:00.000') },
      { submittedAt: at('2024-03-01', '23:59:59.999') },
      { submittedAt: at('2024-03-02', '00:00:00.000') },
      { submittedAt: at('2024-03-02', '23:59:59.999') },
      { submittedAt: at('2024-03-03', '00:00:00.000') }
    ])
  })

  const ids = (body: { results: { submission_id: string }[] }) => body.results.map((row) => row.submission_id)
  const newestFirst = () => rows.map((row) => row.submissionId).reverse()

  it('lists submissions newest first in the page envelope, with the pinned version\'s title and the scores', async () => {
    const response = await call('GET', `/api/results?test_id=${version.testId}`, admin)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(ids(body)).toEqual(newestFirst())
    expect(body.pagination).toEqual({ page: 1, limit: 10, total: 5, total_pages: 1, has_next: false, has_prev: false })
    const newest = rows[4] as Submitted
    expect(body.results[0]).toEqual({
      submission_id: newest.submissionId,
      invite_id: newest.inviteId,
      test_id: version.testId,
      test_version: 1,
      applicant_name: newest.applicantName,
      applicant_email: newest.applicantEmail,
      test_title: version.title,
      test_duration_minutes: version.durationMinutes,
      // The multiple choice question (2 of 8 points) is right; the rest waits for a reviewer.
      score: 25,
      auto_score: 100,
      manual_score: null,
      final_score: 25,
      scoring_status: 'needs_review',
      submitted_at: newest.submittedAt,
      started_at: newest.startedAt,
      auto_submitted: false,
      is_monitored: false
    })
  })

  it('pages with page and limit: total_pages is rounded up, has_next and has_prev follow the page', async () => {
    const page = async (query: string) => (await call('GET', `/api/results?test_id=${version.testId}&${query}`, admin)).json()
    const second = await page('page=2&limit=2')
    expect(ids(second)).toEqual(newestFirst().slice(2, 4))
    expect(second.pagination).toEqual({ page: 2, limit: 2, total: 5, total_pages: 3, has_next: true, has_prev: true })
    const last = await page('page=3&limit=2')
    expect(ids(last)).toEqual(newestFirst().slice(4))
    expect(last.pagination).toMatchObject({ has_next: false, has_prev: true })
    const past = await page('page=9&limit=2')
    expect(past.results).toEqual([])
    expect(past.pagination).toEqual({ page: 9, limit: 2, total: 5, total_pages: 3, has_next: false, has_prev: true })
    expect((await page('limit=5')).pagination).toMatchObject({ total_pages: 1, has_next: false })
  })

  it('filters by UTC day: start_date from the start of its day, end_date to the end of its day; empty values are no filter', async () => {
    const filtered = async (query: string) => ids((await call('GET', `/api/results?test_id=${version.testId}&${query}`, admin)).json())
    const [a, b, c, d, e] = rows.map((row) => row.submissionId)
    expect(await filtered('start_date=2024-03-02')).toEqual([e, d, c])
    expect(await filtered('end_date=2024-03-01')).toEqual([b, a])
    expect(await filtered('start_date=2024-03-02&end_date=2024-03-02')).toEqual([d, c])
    expect(await filtered('start_date=2024-03-04')).toEqual([])
    expect(await filtered('start_date=&end_date=')).toHaveLength(5)
    // The test filter: another test's submissions are not listed; an empty test_id lists every test.
    const other = await publishTest(harness)
    const [mine] = await submitAll(other, [{ submittedAt: at('2024-03-02') }])
    expect(await filtered('start_date=2024-03-02&end_date=2024-03-02')).toEqual([d, c])
    const all = ids((await call('GET', '/api/results?test_id=&start_date=2024-03-02&end_date=2024-03-02&limit=100', admin)).json())
    expect(all).toEqual(expect.arrayContaining([d, c, mine?.submissionId]))
  })

  it('reads the page and the total from one snapshot while submissions are being graded', async () => {
    const busy = await publishTest(harness)
    const grading = (async () => { for (let i = 0; i < 30; i++) await submit(harness, submittedTest(busy)) })()
    const seen: { listed: number, total: number }[] = []
    const state = { done: false }
    void grading.finally(() => { state.done = true })
    while (!state.done) {
      const body = (await call('GET', `/api/results?test_id=${busy.testId}&limit=100`, admin)).json()
      seen.push({ listed: body.results.length, total: body.pagination.total })
    }
    await grading
    // Read apart, a submission committed between the two reads made the page longer than the total.
    expect(seen.length).toBeGreaterThan(10)
    expect(seen.filter((each) => each.listed !== each.total)).toEqual([])
  })

  it('answers 422 for bad paging and filter values, never a 500', async () => {
    for (const query of ['page=0', 'page=-1', 'page=x', 'limit=0', 'limit=101', 'limit=1.5', 'start_date=2024-02-30', 'start_date=03/01/2024',
      'end_date=2024-13-01', 'end_date=yesterday', 'test_id=not-a-uuid']) {
      const response = await call('GET', `/api/results?${query}`, admin)
      expect(response.statusCode, query).toBe(422)
      expect(response.json().code, query).toBe('VALIDATION_FAILED')
    }
    expect((await call('GET', '/api/results?start_date=2024-02-30', admin)).json().errors[0].loc).toEqual(['query', 'start_date'])
  })

  it('is for admins only: 401 without a token, 403 "Not enough permissions" for an applicant', async () => {
    expect((await call('GET', '/api/results')).statusCode).toBe(401)
    const response = await call('GET', '/api/results', harness.caller('applicant'))
    expect(response.statusCode).toBe(403)
    expect(response.json().detail).toBe('Not enough permissions')
  })
})

describe('GET /api/results/{submission_id}', () => {
  it('shows one submission with its answers in question order, each with its question and key', async () => {
    const version = await publishTest(harness)
    const [mcq, coding, essay] = version.questions
    const { data } = await submit(harness, submittedTest(version, {
      // In another order than the version's, and with the multiple choice answer wrong.
      answers: [{ questionId: essay!.id, answer: 'It was DNS' }, { questionId: mcq!.id, answer: 'GRAB' }, { questionId: coding!.id, answer: 'print(1)' }]
    }))
    const response = await call('GET', `/api/results/${data.submissionId}`, admin)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({
      submission_id: data.submissionId,
      applicant_name: data.applicantName,
      applicant_email: data.applicantEmail,
      test_title: version.title,
      test_duration_minutes: version.durationMinutes,
      score: 0,
      auto_score: 0,
      final_score: 0,
      scoring_status: 'needs_review',
      started_at: data.startedAt,
      submitted_at: data.submittedAt,
      is_monitored: false,
      reviewed_by: null
    })
    expect(body.answers).toEqual([
      expect.objectContaining({ question_id: mcq!.id, question: 'Pick the key', question_type: 'multiple_choice', answer: 'GRAB', correct_answer: 'SELECT', points: 2, is_correct: false, options: ['SELECT', 'GRAB'] }),
      expect.objectContaining({ question_id: coding!.id, question: 'Reverse a string', question_type: 'coding', answer: 'print(1)', correct_answer: 'return s[::-1]', points: 5, expected_language: 'python', manual_score_status: 'pending' }),
      expect.objectContaining({ question_id: essay!.id, question: 'Describe an outage', question_type: 'essay', answer: 'It was DNS', correct_answer: null, points: 1, manual_score: null })
    ])
  })

  it('answers 404 "Submission not found" for an unknown or malformed id, 403 for an applicant', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '1%20OR%201=1']) {
      const response = await call('GET', `/api/results/${id}`, admin)
      expect(response.statusCode, id).toBe(404)
      expect(response.json()).toEqual({ detail: 'Submission not found', code: 'GRADING_SUBMISSION_NOT_FOUND' })
    }
    expect((await call('GET', '/api/results/00000000-0000-4000-8000-000000000000', harness.caller('applicant'))).statusCode).toBe(403)
  })
})

describe('GET /api/results/export.csv', () => {
  const tricky = [
    'Doe, Jane',
    'Jo "JJ" Smith',
    'Line\nbreak',
    '=HYPERLINK("http://evil.example","click")',
    '+1 555 0100',
    '-2+3',
    '@SUM(A1:A2)'
  ]
  let version: Published
  let rows: Submitted[]

  beforeAll(async () => {
    version = await publishTest(harness)
    rows = await submitAll(version, tricky.map((applicantName, index) => ({ applicantName, submittedAt: at('2024-05-01', `10:00:0${index}.000`) })))
  })

  const download = async (query: string, who: Caller = admin) => await call('GET', `/api/results/export.csv?${query}`, who)
  const records = (body: string) => parse<Record<string, string>>(body, { columns: true })

  it('downloads one row per submission under a header row, quoted where needed, as an attachment', async () => {
    const response = await download(`test_id=${version.testId}`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe('attachment; filename="results.csv"')
    expect(response.body.split('\n')[0]).toBe('submission_id,applicant_name,applicant_email,test_id,test_title,test_version,started_at,submitted_at,' +
      'auto_submitted,scoring_status,score,auto_score,manual_score,is_monitored,reviewed_by,review_completed_at')
    const parsed = records(response.body)
    // Newest first, like /results.
    expect(parsed.map((row) => row.submission_id)).toEqual(rows.map((row) => row.submissionId).reverse())
    const first = parsed.at(-1)
    expect(first).toEqual({
      submission_id: rows[0]?.submissionId,
      applicant_name: 'Doe, Jane',
      applicant_email: rows[0]?.applicantEmail,
      test_id: version.testId,
      test_title: version.title,
      test_version: '1',
      started_at: rows[0]?.startedAt,
      submitted_at: rows[0]?.submittedAt,
      auto_submitted: 'false',
      scoring_status: 'needs_review',
      score: '25',
      auto_score: '100',
      manual_score: '',
      is_monitored: 'false',
      reviewed_by: '',
      review_completed_at: ''
    })
    expect(response.body).toContain('"Doe, Jane"')
    expect(response.body).toContain('"Jo ""JJ"" Smith"')
    expect(response.body).toContain('"Line\nbreak"')
  })

  it('puts a quote before cells that a spreadsheet would run as a formula (= + - @)', async () => {
    const names = records((await download(`test_id=${version.testId}`)).body).map((row) => row.applicant_name).reverse()
    expect(names).toEqual([
      'Doe, Jane',
      'Jo "JJ" Smith',
      'Line\nbreak',
      '\'=HYPERLINK("http://evil.example","click")',
      '\'+1 555 0100',
      '\'-2+3',
      '\'@SUM(A1:A2)'
    ])
  })

  it('takes the /results filters; bad values are 422, applicants 403', async () => {
    expect(records((await download(`test_id=${version.testId}&start_date=2024-05-02`)).body)).toEqual([])
    expect(records((await download(`test_id=${version.testId}&end_date=2024-05-01`)).body)).toHaveLength(tricky.length)
    expect((await download('start_date=2024-02-30')).statusCode).toBe(422)
    expect((await download('test_id=nope')).statusCode).toBe(422)
    expect((await download('', harness.caller('applicant'))).statusCode).toBe(403)
    expect((await call('GET', '/api/results/export.csv')).statusCode).toBe(401)
  })

  it('streams the rows in keyset batches without losing or repeating one', async () => {
    const ctx = { db: gradingDb(harness.app.pg), publish: harness.app.events.publish, log: harness.app.log }
    const stream = await exportResults(ctx, { test_id: version.testId }, 2)
    let text = ''
    for await (const chunk of stream) text += String(chunk)
    expect(records(text).map((row) => row.submission_id)).toEqual(rows.map((row) => row.submissionId).reverse())
  })
})

describe('GET /api/my-submissions', () => {
  it('lists only the caller\'s own submissions, matched by e-mail case-insensitively, newest first, without answers or keys', async () => {
    const version = await publishTest(harness)
    const [older, newer] = await submitAll(version, [
      { applicantEmail: 'Mia@Example.com', applicantName: 'Mia', submittedAt: at('2024-06-01') },
      { applicantEmail: 'mia@example.COM', applicantName: 'Mia', submittedAt: at('2024-06-02') },
      { applicantEmail: 'someone.else@example.com', submittedAt: at('2024-06-03') }
    ])
    const mia = harness.caller('applicant', 'MIA@example.com')
    const response = await call('GET', '/api/my-submissions', mia)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.body).not.toMatch(/correct_?answer|return s\[::-1\]|"answers"/)
    expect(response.json()).toEqual([
      {
        id: newer?.submissionId,
        invite_id: newer?.inviteId,
        test_id: version.testId,
        test_version: 1,
        applicant_email: 'mia@example.COM',
        applicant_name: 'Mia',
        invite_token: newer?.inviteToken,
        invite_status: 'completed',
        test_title: version.title,
        test_description: version.description,
        test_duration_minutes: version.durationMinutes,
        started_at: newer?.startedAt,
        submitted_at: newer?.submittedAt,
        final_score: 25,
        auto_score: 100,
        manual_score: null,
        scoring_status: 'needs_review',
        is_monitored: false
      },
      expect.objectContaining({ id: older?.submissionId })
    ])
    expect((await call('GET', '/api/my-submissions?limit=1&offset=1', mia)).json()).toEqual([expect.objectContaining({ id: older?.submissionId })])
    expect((await call('GET', '/api/my-submissions', harness.caller('applicant'))).json()).toEqual([])
  })

  it('reads one of the caller\'s own submissions by id, and answers 404 for anyone else\'s', async () => {
    const version = await publishTest(harness)
    const [own, other] = await submitAll(version, [
      { applicantEmail: 'nia@example.com', applicantName: 'Nia' },
      { applicantEmail: 'omar@example.com', applicantName: 'Omar' }
    ])
    const nia = harness.caller('applicant', 'NIA@example.com')
    const mine = await call('GET', `/api/my-submissions/${own?.submissionId ?? ''}`, nia)
    expect(mine.statusCode, mine.body).toBe(200)
    expect(mine.json()).toMatchObject({ id: own?.submissionId, applicant_name: 'Nia', invite_status: 'completed' })
    expect(mine.body).not.toMatch(/correct_?answer|"answers"/)
    // Another applicant's submission looks exactly like a missing one.
    const theirs = await call('GET', `/api/my-submissions/${other?.submissionId ?? ''}`, nia)
    expect(theirs.statusCode).toBe(404)
    expect(theirs.json()).toEqual({ detail: 'Submission not found', code: 'GRADING_SUBMISSION_NOT_FOUND' })
    expect((await call('GET', '/api/my-submissions/not-a-uuid', nia)).statusCode).toBe(404)
    expect((await call('GET', `/api/my-submissions/${own?.submissionId ?? ''}`)).statusCode).toBe(401)
  })

  it('needs a valid token and valid paging', async () => {
    expect((await call('GET', '/api/my-submissions')).statusCode).toBe(401)
    expect((await call('GET', '/api/my-submissions?limit=0', admin)).statusCode).toBe(422)
    expect((await call('GET', '/api/my-submissions?offset=-1', admin)).statusCode).toBe(422)
  })
})
