import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { freePort } from '@repo/testing'
import { caller, createHarness, expectNoAnswers, outboxFor, publishedVersion, publishTest, type Caller, type Harness, type Published } from './helpers.js'

type InviteJson = { id: string, invite_token: string, test_version: number }

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

// A short timeout keeps the "assessment hangs" case fast.
beforeAll(async () => {
  harness = await createHarness({ ASSESSMENT_TIMEOUT_MS: '300' })
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterEach(() => { harness.assessment.reset() })
afterAll(async () => { await harness.cleanup() })

let applicants = 0
const inviteTo = async (testId: string, who: Caller = admin) => {
  applicants += 1
  return await call('POST', '/api/invites', who, { test_id: testId, applicant_email: `lookup-${applicants}@example.com`, applicant_name: 'Lou' })
}
async function invite (testId: string): Promise<InviteJson> {
  const response = await inviteTo(testId)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}
const count = async (table: string, testId: string) => (await harness.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM invitation.${table} WHERE test_id = $1`, [testId])).rows[0]?.n
const json = (response: ServerResponse, status: number, body: unknown) => { response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)) }

/** Assessment as it really answers: the test to the admin's token, 401 to anything else, 404 for other tests. */
const serving = (test: Published, token: string) => (request: IncomingMessage, response: ServerResponse) => {
  if (request.headers.authorization !== `Bearer ${token}`) return json(response, 401, { detail: 'Not authenticated', code: 'AUTH_NOT_AUTHENTICATED' })
  if (request.url !== `/internal/tests/${test.testId}/current`) return json(response, 404, { detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
  json(response, 200, test)
}

describe('assessment.test.archived.v1', () => {
  it('refuses new invites for the test (404) while its invites keep working, and a late published event changes nothing', async () => {
    const published = await publishTest(harness)
    const unstarted = await invite(published.testId)
    const inProgress = await invite(published.testId)
    expect((await call('POST', `/api/start-test/${inProgress.invite_token}`)).statusCode).toBe(200)

    const archivedAt = new Date().toISOString()
    await harness.handled(await harness.publish(catalog.assessment.TestArchivedV1, { testId: published.testId, archivedAt }))
    const refused = await inviteTo(published.testId)
    expect([refused.statusCode, refused.json()]).toEqual([404, { detail: 'Test not found', code: 'INVITATION_TEST_NOT_FOUND' }])

    // Invites already made: opened, started, saved and submitted as before.
    const mcq = published.questions[1]?.id ?? ''
    expect((await call('GET', `/api/take-test/${unstarted.invite_token}`)).statusCode).toBe(200)
    expect((await call('POST', `/api/start-test/${unstarted.invite_token}`)).statusCode).toBe(200)
    expect((await call('PUT', `/api/take-test/${inProgress.invite_token}/answers`, undefined, { answers: [{ question_id: mcq, answer: 'SELECT' }] })).statusCode).toBe(200)
    for (const token of [unstarted.invite_token, inProgress.invite_token]) {
      expect((await call('POST', `/api/submit-test/${token}`, undefined, { answers: [] })).statusCode).toBe(200)
    }

    // A late published event (a redelivery, or a version assessment made before the delete) stores its
    // copy, but the test stays archived; so does a second archived event, which keeps the first date.
    await publishTest(harness, published.testId, 2)
    await harness.handled(await harness.publish(catalog.assessment.TestArchivedV1, { testId: published.testId, archivedAt: new Date().toISOString() }))
    expect((await inviteTo(published.testId)).statusCode).toBe(404)
    const { rows } = await harness.admin.query<{ archived_at: Date }>('SELECT archived_at FROM invitation.archived_tests WHERE test_id = $1', [published.testId])
    expect(rows.map((row) => row.archived_at.toISOString())).toEqual([archivedAt])
    expect(harness.assessment.requests).toEqual([])
  })
})

describe('POST /api/invites for a test whose published event has not arrived', () => {
  it('reads the current version from assessment with the admin\'s token, stores it as the event would, and invites to it', async () => {
    const late = publishedVersion(randomUUID(), 3)
    harness.assessment.handle(serving(late, admin.token))
    const created = await invite(late.testId)
    expect(created.test_version).toBe(3)
    expect(harness.assessment.requests).toEqual([{ path: `/internal/tests/${late.testId}/current`, authorization: `Bearer ${admin.token}` }])
    const { rows } = await harness.admin.query('SELECT * FROM invitation.test_versions WHERE test_id = $1', [late.testId])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ version: 3, title: late.title, duration_minutes: late.durationMinutes })
    expectNoAnswers(JSON.stringify(rows))
    expect((await outboxFor(harness.admin, created.id)).map((event) => event.data['status'])).toEqual(['sent'])
    const take = await call('GET', `/api/take-test/${created.invite_token}`)
    expect(take.statusCode).toBe(200)
    expect(take.json<{ test: { questions: unknown[] } }>().test.questions).toHaveLength(3)

    // The copy is here now: the next invite asks nobody, and the event arriving at last is a no-op.
    await invite(late.testId)
    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, late))
    expect(harness.assessment.requests).toHaveLength(1)
    expect(await count('test_versions', late.testId)).toBe(1)
  })

  it('answers 404 "Test not found" when assessment has no such test, and asks nothing about archived or deleted tests', async () => {
    const unknown = randomUUID()
    const response = await inviteTo(unknown)
    expect([response.statusCode, response.json()]).toEqual([404, { detail: 'Test not found', code: 'INVITATION_TEST_NOT_FOUND' }])
    expect(harness.assessment.requests.at(-1)?.path).toBe(`/internal/tests/${unknown}/current`)

    const asked = harness.assessment.requests.length
    const [archived, deleted] = [randomUUID(), randomUUID()]
    await harness.handled(await harness.publish(catalog.assessment.TestArchivedV1, { testId: archived, archivedAt: new Date().toISOString() }))
    await harness.handled(await harness.publish(catalog.assessment.TestDeletedV1, { testId: deleted, deletedAt: new Date().toISOString() }))
    for (const testId of [archived, deleted, 'not-a-uuid']) expect((await inviteTo(testId)).statusCode, testId).toBe(404)
    expect(harness.assessment.requests).toHaveLength(asked)
  })

  it('answers 503 when assessment is down, slow, failing, refusing or answering nonsense, and creates nothing', { timeout: 20_000 }, async () => {
    const unavailable = {
      detail: 'The test cannot be looked up right now because the assessment service is unavailable; please retry shortly',
      code: 'INVITATION_ASSESSMENT_UNAVAILABLE'
    }
    const cases: Record<string, (testId: string) => (request: IncomingMessage, response: ServerResponse) => void> = {
      'a 500': () => (_request, response) => { json(response, 500, { detail: 'Internal Server Error' }) },
      'a 401': () => (_request, response) => { json(response, 401, { detail: 'Not authenticated' }) },
      'a body that is not JSON': () => (_request, response) => { response.writeHead(200, { 'content-type': 'application/json' }).end('{"testId": ') },
      'JSON that is not the payload': (testId) => (_request, response) => { json(response, 200, { testId, version: 'one' }) },
      'another test': () => (_request, response) => { json(response, 200, publishedVersion(randomUUID(), 1)) },
      'no answer in time': () => () => {}
    }
    const expectUnavailable = async (app: Harness['app'], name: string) => {
      const testId = randomUUID()
      harness.assessment.handle((cases[name] ?? (() => () => {}))(testId))
      const response = await caller(app)('POST', '/api/invites', admin, { test_id: testId, applicant_email: 'never@example.com', applicant_name: 'Nev' })
      expect(response.statusCode, name).toBe(503)
      expect(response.json(), name).toEqual(unavailable)
      expect(response.headers['retry-after'], name).toBe('2')
      expect([await count('invites', testId), await count('test_versions', testId)], name).toEqual([0, 0])
    }
    for (const name of Object.keys(cases)) await expectUnavailable(harness.app, name)
    // Nothing listens at all.
    const down = await harness.replica({ ASSESSMENT_URL: `http://127.0.0.1:${await freePort()}` })
    await expectUnavailable(down.app, 'a refused connection')

    const warned = [...harness.logs, ...down.logs].filter((line) => line['msg'] === 'could not read a test from assessment')
    expect(warned).toHaveLength(Object.keys(cases).length + 1)
    expect(JSON.stringify([...harness.logs, ...down.logs])).not.toContain(admin.token)
  })
})
