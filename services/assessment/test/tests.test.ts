import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, INTERNAL_TOKEN, outboxFor, testBody, type Caller, type Harness } from './helpers.js'

type TestJson = {
  id: string
  title: string
  version: number
  created_by: string
  questions: { id: string, type: string, question: string, options: string[] | null, correct_answer: string | null, expected_language: string | null, points: number }[]
}

let harness: Harness
let call: ReturnType<typeof caller>
let author: Caller
let otherAdmin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  author = harness.caller('admin')
  otherAdmin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

async function create (body: object = testBody(), who = author): Promise<TestJson> {
  const response = await call('POST', '/api/tests', who, body)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<TestJson>()
}

describe('POST /api/tests', () => {
  it('creates version 1 in the original Test shape, questions in order, and ignores client ids and unknown fields', async () => {
    const base = testBody()
    const body = { ...base, extra: 'ignored', questions: base.questions.map((question, index) => index === 0 ? { ...question, id: 'client-id', colour: 'blue' } : question) }
    const test = await create(body)
    expect(test).toEqual({
      id: expect.any(String),
      title: 'Backend basics',
      description: 'A short screening test',
      questions: [
        { id: expect.any(String), type: 'multiple_choice', question: 'Which is a SQL keyword?', options: ['SELECT', 'FETCHALL', 'GRAB'], correct_answer: 'SELECT', expected_language: null, points: 2 },
        { id: expect.any(String), type: 'coding', question: 'Reverse a string', options: null, correct_answer: 's[::-1]', expected_language: 'python', points: 5 },
        { id: expect.any(String), type: 'essay', question: 'Describe an outage you handled', options: null, correct_answer: null, expected_language: null, points: 1 }
      ],
      duration_minutes: 45,
      created_by: author.id,
      created_at: expect.stringMatching(/Z$/),
      is_active: true,
      version: 1
    })
    expect(test.questions[0]?.id).not.toBe('client-id')
  })

  it('drops options sent with coding and essay questions', async () => {
    const test = await create(testBody({ questions: [{ type: 'essay', question: 'Why?', options: ['a', 'b'] }] }))
    expect(test.questions[0]?.options).toBeNull()
  })

  it('publishes assessment.test.published.v1 with the full content, answer keys included, through the outbox', async () => {
    const test = await create()
    expect(await outboxFor(harness.admin, test.id)).toEqual([{
      subject: 'assessment.test.published.v1',
      data: {
        testId: test.id,
        version: 1,
        title: 'Backend basics',
        description: 'A short screening test',
        durationMinutes: 45,
        createdBy: author.id,
        createdAt: expect.any(String),
        publishedAt: expect.any(String),
        questions: test.questions.map((question, order) => ({
          id: question.id,
          type: question.type,
          question: question.question,
          options: question.options,
          correctAnswer: question.correct_answer,
          expectedLanguage: question.expected_language,
          points: question.points,
          order
        }))
      }
    }])
  })
})

describe('GET /api/tests and /api/tests/{id}', () => {
  it('lists every admin\'s active tests newest first, with limit and offset, and 422s bad paging', async () => {
    const older = await create(testBody({ title: 'Older' }), otherAdmin)
    const newer = await create(testBody({ title: 'Newer' }))
    const list = (await call('GET', '/api/tests', otherAdmin)).json<TestJson[]>()
    const ids = list.map((test) => test.id)
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id))
    expect(list.find((test) => test.id === older.id)).toEqual(older)
    expect((await call('GET', '/api/tests?limit=1', author)).json<TestJson[]>().map((test) => test.id)).toEqual([newer.id])
    expect((await call('GET', '/api/tests?limit=1&offset=1', author)).json<TestJson[]>().map((test) => test.id)).toEqual([older.id])
    expect((await call('GET', '/api/tests?offset=100000', author)).json()).toEqual([])
    for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'limit=abc']) {
      const response = await call('GET', `/api/tests?${query}`, author)
      expect(response.statusCode, query).toBe(422)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ loc: ['query', query.split('=')[0]] }] })
    }
  })

  it('gets one test and answers the same 404 for unknown and malformed ids', async () => {
    const test = await create()
    expect((await call('GET', `/api/tests/${test.id}`, otherAdmin)).json()).toEqual(test)
    for (const id of [crypto.randomUUID(), 'not-a-uuid', '1']) {
      const response = await call('GET', `/api/tests/${id}`, author)
      expect(response.statusCode, id).toBe(404)
      expect(response.json()).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
    }
  })
})

describe('PUT /api/tests/{id} (D9: a new version)', () => {
  it('makes version 2 with new question ids and never changes what version 1 returns', async () => {
    const v1 = await create()
    const v1Read = (await call('GET', `/api/tests/${v1.id}/versions/1`, author)).json<TestJson>()
    expect(v1Read).toEqual(v1)

    const edited = await call('PUT', `/api/tests/${v1.id}`, author, testBody({
      title: 'Backend basics, revised',
      duration_minutes: 60,
      questions: [{ type: 'essay', question: 'Explain ACID' }, { type: 'multiple_choice', question: '2 + 2?', options: ['3', '4'], correct_answer: '4' }]
    }))
    expect(edited.statusCode, edited.body).toBe(200)
    const v2 = edited.json<TestJson>()
    expect(v2).toMatchObject({ id: v1.id, title: 'Backend basics, revised', version: 2, created_by: author.id, duration_minutes: 60 })
    expect(v2.questions.map((question) => question.question)).toEqual(['Explain ACID', '2 + 2?'])
    expect(v2.questions.some((question) => v1.questions.some((old) => old.id === question.id))).toBe(false)

    expect((await call('GET', `/api/tests/${v1.id}/versions/1`, author)).json()).toEqual(v1Read)
    expect((await call('GET', `/api/tests/${v1.id}/versions/2`, author)).json()).toEqual(v2)
    expect((await call('GET', `/api/tests/${v1.id}`, author)).json()).toEqual(v2)
    const versions = (await call('GET', `/api/tests/${v1.id}/versions`, author)).json()
    expect(versions).toEqual([
      { version: 1, created_at: expect.any(String), title: 'Backend basics' },
      { version: 2, created_at: expect.any(String), title: 'Backend basics, revised' }
    ])

    const events = await outboxFor(harness.admin, v1.id)
    expect(events.map((event) => [event.subject, event.data.version])).toEqual([['assessment.test.published.v1', 1], ['assessment.test.published.v1', 2]])
    expect(events[1]?.data).toMatchObject({ title: 'Backend basics, revised', durationMinutes: 60, questions: [{ id: v2.questions[0]?.id, order: 0 }, { id: v2.questions[1]?.id, correctAnswer: '4', order: 1 }] })
  })

  it('numbers concurrent edits one after another', async () => {
    const test = await create()
    const responses = await Promise.all([1, 2, 3].map(async (n) => await call('PUT', `/api/tests/${test.id}`, author, testBody({ title: `Edit ${n}` }))))
    expect(responses.map((response) => response.json<TestJson>().version).sort()).toEqual([2, 3, 4])
  })

  it('answers the original 404 to another admin, for unknown and malformed ids, and for a deleted test', async () => {
    const test = await create()
    const notFound = { detail: "Test not found or you don't have permission to update it", code: 'ASSESSMENT_TEST_NOT_FOUND' }
    for (const [url, who] of [[`/api/tests/${test.id}`, otherAdmin], [`/api/tests/${crypto.randomUUID()}`, author], ['/api/tests/nope', author]] as const) {
      const response = await call('PUT', url, who, testBody())
      expect(response.statusCode, url).toBe(404)
      expect(response.json()).toEqual(notFound)
    }
    expect((await call('DELETE', `/api/tests/${test.id}`, author)).statusCode).toBe(200)
    expect((await call('PUT', `/api/tests/${test.id}`, author, testBody())).json()).toEqual(notFound)
  })
})

describe('versions', () => {
  it('answers 404 for unknown and malformed versions and tests', async () => {
    const test = await create()
    for (const version of ['2', '0', '-1', 'one', '1.5']) {
      const response = await call('GET', `/api/tests/${test.id}/versions/${version}`, author)
      expect(response.statusCode, version).toBe(404)
      expect(response.json()).toEqual({ detail: 'Test version not found', code: 'ASSESSMENT_TEST_VERSION_NOT_FOUND' })
    }
    for (const url of [`/api/tests/${crypto.randomUUID()}/versions`, '/api/tests/bad/versions', `/api/tests/${crypto.randomUUID()}/versions/1`]) {
      expect((await call('GET', url, author)).json(), url).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
    }
  })

  it('keeps a soft-deleted test\'s versions readable', async () => {
    const test = await create()
    expect((await call('DELETE', `/api/tests/${test.id}`, author)).statusCode).toBe(200)
    expect((await call('GET', `/api/tests/${test.id}`, author)).statusCode).toBe(404)
    expect((await call('GET', `/api/tests/${test.id}/versions/1`, author)).json()).toEqual({ ...test, is_active: false })
  })
})

describe('GET /internal/tests/{id}/versions/{version}', () => {
  it('answers the published event\'s payload to an admin token, 401 without one', async () => {
    const test = await create()
    const [published] = await outboxFor(harness.admin, test.id)
    const response = await call('GET', `/internal/tests/${test.id}/versions/1`, otherAdmin)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(published?.data)
    const anonymous = await call('GET', `/internal/tests/${test.id}/versions/1`)
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual({ detail: 'Not authenticated', code: 'AUTH_NOT_AUTHENTICATED' })
    expect((await call('GET', `/internal/tests/${test.id}/versions/1`, harness.caller('applicant'))).statusCode).toBe(403)
    expect((await call('GET', `/internal/tests/${test.id}/versions/9`, otherAdmin)).statusCode).toBe(404)
  })
})

describe('the internal routes\' service credential (x-internal-token)', () => {
  const internal = async (url: string, token: string, authorization?: string) => await harness.app.inject({
    method: 'GET',
    url,
    headers: { 'x-internal-token': token, ...(authorization === undefined ? {} : { authorization }) }
  })

  it('answers grading\'s read with INTERNAL_API_TOKEN and no user token, also for a soft-deleted test', async () => {
    const test = await create()
    const [published] = await outboxFor(harness.admin, test.id)
    const response = await internal(`/internal/tests/${test.id}/versions/1`, INTERNAL_TOKEN)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual(published?.data)
    expect((await internal(`/internal/tests/${test.id}/current`, INTERNAL_TOKEN)).json()).toMatchObject({ testId: test.id, version: 1 })
    // Archived tests' submissions are still graded against their version.
    expect((await call('DELETE', `/api/tests/${test.id}`, author)).statusCode).toBe(200)
    expect((await internal(`/internal/tests/${test.id}/versions/1`, INTERNAL_TOKEN)).statusCode).toBe(200)
    expect((await internal(`/internal/tests/${test.id}/versions/2`, INTERNAL_TOKEN)).statusCode).toBe(404)
  })

  it('answers 401 to a wrong credential, even beside a valid admin token; the admin token alone still works', async () => {
    const test = await create()
    const url = `/internal/tests/${test.id}/versions/1`
    for (const wrong of [`${INTERNAL_TOKEN}x`, INTERNAL_TOKEN.slice(1), INTERNAL_TOKEN.toUpperCase(), '']) {
      const response = await internal(url, wrong)
      expect(response.statusCode, wrong).toBe(401)
      expect(response.json()).toEqual({ detail: 'Could not validate credentials', code: 'ASSESSMENT_INVALID_INTERNAL_TOKEN' })
    }
    expect((await internal(url, 'wrong', `Bearer ${otherAdmin.token}`)).statusCode).toBe(401)
    expect((await call('GET', url, otherAdmin)).statusCode).toBe(200)
    // The credential opens the internal routes only, not the admin API.
    expect((await harness.app.inject({ method: 'GET', url: '/api/tests', headers: { 'x-internal-token': INTERNAL_TOKEN } })).statusCode).toBe(401)
  })
})

describe('GET /internal/tests/{id}/current', () => {
  it('answers the current version as the published event carried it, to an admin token only', async () => {
    const test = await create()
    expect((await call('PUT', `/api/tests/${test.id}`, author, testBody({ title: 'Second take' }))).statusCode).toBe(200)
    const published = await outboxFor(harness.admin, test.id)
    const response = await call('GET', `/internal/tests/${test.id}/current`, otherAdmin)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(published[1]?.data)
    expect(response.json()).toMatchObject({ version: 2, title: 'Second take' })
    expect((await call('GET', `/internal/tests/${test.id}/current`)).statusCode).toBe(401)
    expect((await call('GET', `/internal/tests/${test.id}/current`, harness.caller('applicant'))).statusCode).toBe(403)
  })

  it('answers 404 for unknown, malformed and soft-deleted tests', async () => {
    const test = await create()
    expect((await call('DELETE', `/api/tests/${test.id}`, author)).statusCode).toBe(200)
    for (const id of [test.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await call('GET', `/internal/tests/${id}/current`, otherAdmin)
      expect(response.statusCode, id).toBe(404)
      expect(response.json()).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
    }
  })
})

describe('POST /api/tests/auto-generate', () => {
  it('answers 501: out of this version', async () => {
    const response = await call('POST', '/api/tests/auto-generate', author, { topic: 'SQL', geminiApiKey: 'k' })
    expect(response.statusCode).toBe(501)
    expect(response.json()).toEqual({ detail: 'Automatic test generation is not available in this version', code: 'ASSESSMENT_NOT_IMPLEMENTED' })
  })
})
