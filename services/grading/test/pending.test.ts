import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { waitFor } from '@repo/testing'
import { createHarness, gradedEvents, INTERNAL_TOKEN, publishedVersion, publishTest, submit, submittedTest, type Harness, type Published } from './helpers.js'

let harness: Harness

beforeAll(async () => { harness = await createHarness() })
afterAll(async () => { await harness.cleanup() })
beforeEach(() => { harness.assessment.reset() })

const count = async (table: string, where: string, value: string) =>
  (await harness.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM grading.${table} WHERE ${where} = $1`, [value])).rows[0]?.n ?? -1
const graded = async (submissionId: string) => await waitFor(`submission ${submissionId} to be graded`, async () => {
  const events = await gradedEvents(harness.admin, submissionId)
  return events.length > 0 ? events : undefined
})
const readsOf = (version: Published) => harness.assessment.requests.filter((request) => request.path === `/internal/tests/${version.testId}/versions/${version.version}`)

/** Makes the stand-in assessment answer its internal read with these versions (404 for any other). */
function assessmentKnows (...versions: Published[]): void {
  harness.assessment.handle((request, response) => {
    const found = versions.find((version) => request.url === `/internal/tests/${version.testId}/versions/${version.version}`)
    if (found === undefined) response.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Test not found"}')
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found))
  })
}

describe('a submission whose version has not arrived', () => {
  it('waits in pending_submissions (assessment does not know it either) and is graded when the version event comes', async () => {
    const version = publishedVersion(randomUUID(), 3)
    const data = submittedTest(version)
    await submit(harness, data)
    expect(await count('pending_submissions', 'submission_id', data.submissionId)).toBe(1)
    expect(await count('submissions', 'id', data.submissionId)).toBe(0)
    expect(harness.logs.some((line) => line.msg === 'submission waits for its test version' && line.submissionId === data.submissionId)).toBe(true)
    // The pending pass asked assessment at once, with the service credential, outside the consumer.
    await waitFor('the internal read', () => readsOf(version).length > 0 || undefined)
    expect(readsOf(version)[0]?.internalToken).toBe(INTERNAL_TOKEN)
    // A redelivery while it waits keeps one pending copy.
    await submit(harness, data)
    expect(await count('pending_submissions', 'submission_id', data.submissionId)).toBe(1)

    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, version))
    const [event] = await graded(data.submissionId)
    expect(event).toMatchObject({ submissionId: data.submissionId, scoringStatus: 'needs_review', finalScore: 25 })
    expect(await count('pending_submissions', 'submission_id', data.submissionId)).toBe(0)
    expect(await count('answers', 'submission_id', data.submissionId)).toBe(3)
  })

  it('is graded from assessment\'s internal read without waiting for the event, against exactly that version', async () => {
    const v1 = publishedVersion(randomUUID(), 1, 'mcq')
    const v2 = publishedVersion(v1.testId, 2, 'mixed')
    assessmentKnows(v1, v2)
    const data = submittedTest(v2)
    await submit(harness, data)
    const [event] = await graded(data.submissionId)
    expect(event).toMatchObject({ scoringStatus: 'needs_review', autoScore: 100, finalScore: 25 })
    const { rows } = await harness.admin.query<{ test_version: number }>('SELECT test_version FROM grading.submissions WHERE id = $1', [data.submissionId])
    expect(rows).toEqual([{ test_version: 2 }])
    // The version read is kept like a published one; the event coming later changes nothing.
    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, v2))
    expect(await count('test_versions', 'test_id', v1.testId)).toBe(1)
    expect(await gradedEvents(harness.admin, data.submissionId)).toHaveLength(1)
    expect(await count('pending_submissions', 'test_id', v1.testId)).toBe(0)
  })

  it('keeps waiting while assessment is slow, down or answers about another version, and never blocks other submissions', async () => {
    const version = publishedVersion(randomUUID(), 1, 'mcq')
    const other = publishedVersion(version.testId, 2, 'mcq')
    // First an answer about another version: never used for this one.
    harness.assessment.handle((_request, response) => { response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(other)) })
    const data = submittedTest(version)
    await submit(harness, data)
    await waitFor('the internal read', () => readsOf(version).length > 0 || undefined)
    // Then an assessment that never answers (the client gives up after ASSESSMENT_TIMEOUT_MS).
    harness.assessment.handle(() => {})
    const known = await publishTest(harness, randomUUID(), 1, 'mcq')
    const meanwhile = submittedTest(known)
    await submit(harness, meanwhile)
    await graded(meanwhile.submissionId)
    expect(await count('pending_submissions', 'submission_id', data.submissionId)).toBe(1)
    expect(await count('submissions', 'id', data.submissionId)).toBe(0)
    expect(harness.logs.some((line) => line.msg === 'could not read a version from assessment; pending submissions keep waiting' && line.testId === version.testId)).toBe(true)

    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, version))
    expect((await graded(data.submissionId))[0]).toMatchObject({ finalScore: 100 })
  })

  it('is graded by the pending pass when its transaction and its version\'s crossed (neither saw the other)', async () => {
    const version = await publishTest(harness, randomUUID(), 1, 'mcq')
    const data = submittedTest(version)
    // As if the submitted event's transaction had committed just after the version's had looked.
    await harness.admin.query('INSERT INTO grading.pending_submissions (submission_id, test_id, test_version, payload) VALUES ($1, $2, $3, $4)',
      [data.submissionId, data.testId, data.testVersion, JSON.stringify(data)])
    await harness.admin.query('NOTIFY grading_pending')
    expect((await graded(data.submissionId))[0]).toMatchObject({ scoringStatus: 'auto_only', finalScore: 100 })
    expect(await count('pending_submissions', 'submission_id', data.submissionId)).toBe(0)
  })

  it('of a deleted test is dropped with a log line', async () => {
    const version = await publishTest(harness)
    await harness.handled(await harness.publish(catalog.assessment.TestDeletedV1, { testId: version.testId, deletedAt: new Date().toISOString() }))
    const data = submittedTest(version)
    await submit(harness, data)
    expect(await count('submissions', 'id', data.submissionId)).toBe(0)
    expect(await count('pending_submissions', 'submission_id', data.submissionId)).toBe(0)
    expect(harness.logs.some((line) => line.msg === 'dropped a submission whose data is being erased' && line.outcome === 'test_deleted' && line.submissionId === data.submissionId)).toBe(true)
  })
})

describe('without INTERNAL_API_TOKEN', () => {
  let plain: Harness
  beforeAll(async () => { plain = await createHarness({ INTERNAL_API_TOKEN: '' }) })
  afterAll(async () => { await plain.cleanup() })

  it('never asks assessment: the submission waits for the version event', async () => {
    const version = publishedVersion(randomUUID(), 1, 'mcq')
    plain.assessment.handle((_request, response) => { response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(version)) })
    const data = submittedTest(version)
    await submit(plain, data)
    expect((await plain.admin.query('SELECT 1 FROM grading.pending_submissions WHERE submission_id = $1', [data.submissionId])).rowCount).toBe(1)
    await plain.handled(await plain.publish(catalog.assessment.TestPublishedV1, version))
    await waitFor('the grade', async () => (await gradedEvents(plain.admin, data.submissionId)).length === 1 || undefined)
    expect(plain.assessment.requests).toEqual([])
  })
})
