import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { createHarness, gradedEvents, publishedVersion, publishTest, submit, submittedTest, type Harness } from './helpers.js'

let harness: Harness

beforeAll(async () => { harness = await createHarness() })
afterAll(async () => { await harness.cleanup() })

const count = async (table: string, where: string, value: unknown) =>
  (await harness.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM grading.${table} WHERE ${where}`, [value])).rows[0]?.n ?? -1
const monitored = async (inviteId: string) =>
  await harness.handled(await harness.publish(catalog.signaling.SessionConnectedV1, { inviteId, connectedAt: new Date().toISOString() }))

describe('assessment.test.deleted.v1', () => {
  it('erases the test\'s versions, submissions, answers, pending submissions and monitoring records; a late version stays out', async () => {
    const doomed = await publishTest(harness)
    const kept = await publishTest(harness)
    const gradedOne = submittedTest(doomed)
    const waiting = submittedTest(publishedVersion(doomed.testId, 2))
    const other = submittedTest(kept)
    await monitored(gradedOne.inviteId)
    for (const data of [gradedOne, waiting, other]) await submit(harness, data)
    expect(await count('pending_submissions', 'test_id = $1', doomed.testId)).toBe(1)

    await harness.handled(await harness.publish(catalog.assessment.TestDeletedV1, { testId: doomed.testId, deletedAt: new Date().toISOString() }))
    expect(await count('submissions', 'test_id = $1', doomed.testId)).toBe(0)
    expect(await count('answers', 'submission_id = $1', gradedOne.submissionId)).toBe(0)
    expect(await count('pending_submissions', 'test_id = $1', doomed.testId)).toBe(0)
    expect(await count('test_versions', 'test_id = $1', doomed.testId)).toBe(0)
    expect(await count('monitored_invites', 'invite_id = $1', gradedOne.inviteId)).toBe(0)
    expect(await count('deleted_tests', 'test_id = $1', doomed.testId)).toBe(1)
    expect(await count('submissions', 'id = $1', other.submissionId)).toBe(1)
    expect(await count('answers', 'submission_id = $1', other.submissionId)).toBe(3)

    // A published event redelivered after the delete does not bring the answer keys back.
    await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, publishedVersion(doomed.testId, 3)))
    expect(await count('test_versions', 'test_id = $1', doomed.testId)).toBe(0)
  })
})

describe('identity.user.deleted.v1', () => {
  it('erases the applicant\'s submissions and pending ones by e-mail, case-insensitively, and refuses a late copy (D17)', async () => {
    const version = await publishTest(harness, randomUUID(), 1, 'mcq')
    const email = `Erase.Me-${randomUUID()}@Example.com`
    const first = submittedTest(version, { applicantEmail: email })
    const second = submittedTest(publishedVersion(randomUUID(), 1), { applicantEmail: email.toLowerCase() })
    const late = submittedTest(version, { applicantEmail: email })
    const stranger = submittedTest(version)
    await monitored(first.inviteId)
    for (const data of [first, second, stranger]) await submit(harness, data)

    const deletedAt = new Date(Date.now() + 1000).toISOString()
    await harness.handled(await harness.publish(catalog.identity.UserDeletedV1, { userId: randomUUID(), email: email.toUpperCase(), role: 'applicant', deletedAt }))
    expect(await count('submissions', 'lower(applicant_email) = lower($1)', email)).toBe(0)
    expect(await count('answers', 'submission_id = $1', first.submissionId)).toBe(0)
    expect(await count('pending_submissions', 'submission_id = $1', second.submissionId)).toBe(0)
    expect(await count('monitored_invites', 'invite_id = $1', first.inviteId)).toBe(0)
    expect(await count('submissions', 'id = $1', stranger.submissionId)).toBe(1)
    // What is remembered is a hash of the address, not the address.
    const { rows } = await harness.admin.query<{ email_hash: string }>('SELECT email_hash FROM grading.erased_applicants')
    expect(JSON.stringify(rows).toLowerCase()).not.toContain(email.toLowerCase())

    // A submitted event sent before the delete and handled after it does not bring the data back...
    await submit(harness, late)
    expect(await count('submissions', 'id = $1', late.submissionId)).toBe(0)
    expect(await gradedEvents(harness.admin, late.submissionId)).toEqual([])
    // ...but someone who signs up again with that address later is graded as usual.
    const again = submittedTest(version, { applicantEmail: email, submittedAt: new Date(Date.now() + 5000).toISOString() })
    await submit(harness, again)
    expect(await count('submissions', 'id = $1', again.submissionId)).toBe(1)
  })
})
