import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { caller, createHarness, expectNoAnswers, publishedVersion, publishTest, type Caller, type Harness } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

async function invite (testId: string, email = 'dee@example.com'): Promise<{ id: string, invite_token: string }> {
  const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: email, applicant_name: 'Dee' })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

const count = async (query: string, value: string): Promise<number> => {
  const { rows } = await harness.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${query}`, [value])
  return rows[0]?.n ?? -1
}

describe('assessment.test.published.v1', () => {
  it('stores each version once, without answer keys, however often it is delivered', async () => {
    const data = publishedVersion(randomUUID(), 1)
    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, data))
    // The same version again under another event id (e.g. the producer re-sent it): still one copy.
    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, { ...data, title: 'Changed in transit' }))
    const { rows } = await harness.admin.query('SELECT * FROM invitation.test_versions WHERE test_id = $1', [data.testId])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ title: data.title, version: 1, duration_minutes: data.durationMinutes })
    expectNoAnswers(JSON.stringify(rows))
  })
})

describe('assessment.test.deleted.v1', () => {
  it('erases the test\'s invites and copies, leaves other tests alone, and ignores a late published event', async () => {
    const doomed = await publishTest(harness)
    await publishTest(harness, doomed.testId, 2)
    const kept = await publishTest(harness)
    const gone = await invite(doomed.testId)
    const stays = await invite(kept.testId)

    await harness.handled(await harness.publish(catalog.assessment.TestDeletedV1, { testId: doomed.testId, deletedAt: new Date().toISOString() }))
    expect(await count('invitation.invites WHERE test_id = $1', doomed.testId)).toBe(0)
    expect(await count('invitation.test_versions WHERE test_id = $1', doomed.testId)).toBe(0)
    expect((await call('GET', `/api/invites/token/${gone.invite_token}`)).statusCode).toBe(404)
    expect((await call('GET', `/api/invites/token/${stays.invite_token}`)).statusCode).toBe(200)

    // A published event redelivered after the delete must not make the test invitable again (D8).
    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, publishedVersion(doomed.testId, 3)))
    expect(await count('invitation.test_versions WHERE test_id = $1', doomed.testId)).toBe(0)
    const refused = await call('POST', '/api/invites', admin, { test_id: doomed.testId, applicant_email: 'x@example.com', applicant_name: 'X' })
    expect(refused.statusCode).toBe(404)
    expect(refused.json()).toEqual({ detail: 'Test not found', code: 'INVITATION_TEST_NOT_FOUND' })
  })
})

describe('identity.user.deleted.v1', () => {
  it('erases the invites of that e-mail address, compared case-insensitively, and no one else\'s', async () => {
    const { testId } = await publishTest(harness)
    const mine = [await invite(testId, 'Erin@Example.com'), await invite(testId, 'erin@example.com')]
    const other = await invite(testId, 'erin.other@example.com')
    const erin = harness.caller('applicant', 'erin@example.com')
    expect((await call('GET', '/api/my-invites', erin)).json()).toHaveLength(2)

    await harness.handled(await harness.publish(catalog.identity.UserDeletedV1, { userId: erin.id, email: 'erin@example.com', role: 'applicant', deletedAt: new Date().toISOString() }))
    for (const { invite_token: token } of mine) expect((await call('GET', `/api/invites/token/${token}`)).statusCode).toBe(404)
    expect((await call('GET', `/api/invites/token/${other.invite_token}`)).statusCode).toBe(200)
  })
})
