import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { caller, createHarness, outboxFor, publishTest, type Caller, type Harness } from './helpers.js'

type Result =
  | { index: number, applicant_email: string, status: 'created', invite: { id: string, applicant_email: string, applicant_name: string, status: string, test_version: number, invite_token: string, scheduled_date: string | null, admin_scheduled: boolean, no_schedule: boolean } }
  | { index: number, applicant_email: string, status: 'failed', error: { detail: string, code: string } }
type BulkJson = { created: number, failed: number, results: Result[] }

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let testId: string

beforeAll(async () => {
  harness = await createHarness({ DB_POOL_MAX: '10' })
  call = caller(harness.app)
  admin = harness.caller('admin')
  testId = (await publishTest(harness)).testId
  await publishTest(harness, testId, 2)
})
afterAll(async () => { await harness.cleanup() })

const bulk = async (body: Record<string, unknown>, who: Caller | null = admin) => await call('POST', '/api/invites/bulk', who ?? undefined, body)
const applicants = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ applicant_email: `${prefix}-${i}@example.com`, applicant_name: `Person ${i}` }))
const count = async (query: string, values: unknown[]) => {
  const { rows } = await harness.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${query}`, values)
  return rows[0]?.n
}

describe('POST /api/invites/bulk', () => {
  it('creates 500 invites, one result per row in input order, each with its mail and status event', { timeout: 60_000 }, async () => {
    const rows = applicants(500, 'five-hundred')
    const started = Date.now()
    const response = await bulk({ test_id: testId, no_schedule: true, applicants: rows })
    const elapsed = Date.now() - started
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json<BulkJson>()
    expect(body.created).toBe(500)
    expect(body.failed).toBe(0)
    expect(body.results.map((row) => [row.index, row.applicant_email, row.status])).toEqual(rows.map((row, i) => [i, row.applicant_email, 'created']))
    const invites = body.results.flatMap((row) => row.status === 'created' ? [row.invite] : [])
    expect(invites[7]).toMatchObject({ applicant_email: 'five-hundred-7@example.com', applicant_name: 'Person 7', status: 'sent', test_version: 2, no_schedule: true })
    expect(new Set(invites.map((invite) => invite.invite_token)).size).toBe(500)
    expect(await count('invitation.mail_outbox WHERE invite_id = ANY($1)', [invites.map((invite) => invite.id)])).toBe(500)
    expect(await outboxFor(harness.admin, invites[499]?.id ?? '')).toEqual([expect.objectContaining({ subject: 'invitation.invite.status_changed.v1' })])
    // The answer waits for the mails at most MAIL_SEND_WAIT_MS (2 s) overall, not per row (500 × 2 s).
    expect(elapsed).toBeLessThan(30_000)
  })

  it('answers 422 for 501 rows or none, and creates nothing', async () => {
    for (const rows of [applicants(501, 'too-many'), []]) {
      const response = await bulk({ test_id: testId, applicants: rows })
      expect(response.statusCode).toBe(422)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    expect(await count("invitation.invites WHERE applicant_email LIKE 'too-many-%'", [])).toBe(0)
  })

  it('creates the good rows and reports each bad one with its reason, as POST /invites would', async () => {
    const date = new Date(Date.now() + 86_400_000).toISOString()
    const response = await bulk({
      test_id: testId,
      scheduled_date: date,
      admin_scheduled: true,
      applicants: [
        { applicant_email: 'mix-ok-1@example.com', applicant_name: 'Ok One' },
        { applicant_email: 'not-an-email', applicant_name: 'Bad Mail' },
        { applicant_email: 'mix-no-name@example.com', applicant_name: '' },
        { applicant_name: 'No Mail' },
        { applicant_email: 'mix-ok-2@example.com', applicant_name: 'Ok Two' }
      ]
    })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json<BulkJson>()
    expect(body).toMatchObject({ created: 2, failed: 3 })
    expect(body.results.map((row) => [row.index, row.status])).toEqual([[0, 'created'], [1, 'failed'], [2, 'failed'], [3, 'failed'], [4, 'created']])
    expect(body.results[0]).toMatchObject({ applicant_email: 'mix-ok-1@example.com', invite: { status: 'scheduled', scheduled_date: date, admin_scheduled: true } })
    expect(body.results[1]).toEqual({ index: 1, applicant_email: 'not-an-email', status: 'failed', error: { detail: expect.stringMatching(/^body\.applicants\.1\.applicant_email: /), code: 'VALIDATION_FAILED' } })
    expect(body.results[2]).toMatchObject({ error: { detail: expect.stringMatching(/^body\.applicants\.2\.applicant_name: /) } })
    expect(body.results[3]).toMatchObject({ applicant_email: '', error: { detail: expect.stringContaining('applicant_email') } })
    expect(await count("invitation.invites WHERE applicant_email LIKE 'mix-%'", [])).toBe(2)
  })

  it('fails the whole request with 404 for a malformed, archived or deleted test (no row could succeed)', async () => {
    const archived = (await publishTest(harness)).testId
    await harness.handled(await harness.publish(catalog.assessment.TestArchivedV1, { testId: archived, archivedAt: new Date().toISOString() }))
    const deleted = (await publishTest(harness)).testId
    await harness.handled(await harness.publish(catalog.assessment.TestDeletedV1, { testId: deleted, deletedAt: new Date().toISOString() }))
    for (const id of [archived, deleted, 'not-a-uuid']) {
      const response = await bulk({ test_id: id, applicants: applicants(2, 'nowhere') })
      expect(response.statusCode, id).toBe(404)
      expect(response.json()).toEqual({ detail: 'Test not found', code: 'INVITATION_TEST_NOT_FOUND' })
    }
    expect(await count("invitation.invites WHERE applicant_email LIKE 'nowhere-%'", [])).toBe(0)
  })

  it('is for admins only', async () => {
    const body = { test_id: testId, applicants: applicants(1, 'anon') }
    expect((await bulk(body, null)).statusCode).toBe(401)
    expect((await bulk(body, harness.caller('applicant'))).statusCode).toBe(403)
  })
})
