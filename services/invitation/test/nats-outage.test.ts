import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { startPrivateNats, waitFor, type PrivateNats } from '@repo/testing'
import { caller, createHarness, publishTest, type Harness, type Published } from './helpers.js'

// This file stops NATS, so it runs against a private nats-server of its own, never the shared one.
let nats: PrivateNats
let harness: Harness
let published: Published

beforeAll(async () => {
  nats = await startPrivateNats()
  harness = await createHarness({ NATS_URL: nats.url })
  published = await publishTest(harness)
}, 30_000)
afterAll(async () => {
  await harness.cleanup()
  await nats.dispose()
})

describe('a submission made while NATS is down', () => {
  it('is accepted at once, waits in the outbox, and is published when NATS is back', { timeout: 60_000 }, async () => {
    const call = caller(harness.app)
    const admin = harness.caller('admin')
    const created = await call('POST', '/api/invites', admin, { test_id: published.testId, applicant_email: 'outage@example.com', applicant_name: 'Olive Outage' })
    expect(created.statusCode, created.body).toBe(200)
    const { invite_token: token } = created.json<{ invite_token: string }>()
    expect((await call('POST', `/api/start-test/${token}`)).statusCode).toBe(200)
    const [mcq] = published.questions.filter((question) => question.type === 'multiple_choice')

    await nats.stop()
    const before = Date.now()
    const response = await call('POST', `/api/submit-test/${token}`, undefined, { answers: [{ question_id: mcq?.id ?? '', answer: 'SELECT' }] })
    expect(response.statusCode, response.body).toBe(200)
    const { submission_id: submissionId } = response.json<{ submission_id: string }>()
    // Not held up by the outage (the relay is what waits for NATS, not the request).
    expect(Date.now() - before).toBeLessThan(5000)

    const pending = async () => (await harness.admin.query<{ sent_at: Date | null }>(
      "SELECT sent_at FROM invitation.outbox WHERE subject = $1 AND envelope->'data'->>'submissionId' = $2", [catalog.invitation.TestSubmittedV1.subject, submissionId])).rows
    // Give the relay time to try: while NATS is down the event stays unsent.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(await pending()).toEqual([{ sent_at: null }])

    await nats.start()
    await waitFor('the outbox row to be sent', async () => (await pending())[0]?.sent_at instanceof Date || undefined, 30_000)
    const streamed = await waitFor('the submitted event in the stream', async () => {
      const events = (await harness.streamed(catalog.invitation.TestSubmittedV1.subject)).filter((envelope) => envelope.data.submissionId === submissionId)
      return events.length > 0 ? events : undefined
    }, 30_000)
    expect(streamed).toHaveLength(1)
    expect(streamed[0]?.data).toMatchObject({ applicantEmail: 'outage@example.com', answers: expect.arrayContaining([{ questionId: mcq?.id, answer: 'SELECT' }]) as unknown })
  })
})
