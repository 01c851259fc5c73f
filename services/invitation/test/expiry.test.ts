import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { caller, createHarness, outboxFor, publishTest, type Caller, type Harness, type Published } from './helpers.js'

type InviteJson = { id: string, invite_token: string, status: string, created_at: string, expires_at: string }

// The harness's own app never runs the expiry job (its interval is an hour); replicas started here do.
let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let published: Published

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  published = await publishTest(harness)
})
afterAll(async () => { await harness.cleanup() })

const DAY = 86_400_000
// The default take-test window: a slot can be started until 30 minutes after it.
const WINDOW = 30 * 60_000

let applicants = 0
async function invite (overrides: Record<string, unknown> = {}): Promise<InviteJson> {
  applicants += 1
  const response = await call('POST', '/api/invites', admin, { test_id: published.testId, applicant_email: `expiring-${applicants}@example.com`, applicant_name: 'Eve', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}

const at = (ms: number) => new Date(Date.now() + ms).toISOString()
const expiresAt = async (id: string) => (await harness.admin.query<{ expires_at: Date }>('SELECT expires_at FROM invitation.invites WHERE id = $1', [id])).rows[0]?.expires_at.toISOString()
const expireNow = async (ids: string[]) => { await harness.admin.query("UPDATE invitation.invites SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])", [ids]) }
const statuses = async (ids: string[]) => (await harness.admin.query<{ id: string, status: string }>('SELECT id, status FROM invitation.invites WHERE id = ANY($1::uuid[])', [ids]))
  .rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((row) => row.status)
const schedule = async (token: string, date: string) => await call('POST', `/api/invites/token/${token}/schedule`, undefined, { scheduled_date: date })

describe('expires_at', () => {
  it('is INVITE_EXPIRY_DAYS after creation, or when the window of a later slot closes', async () => {
    const plain = await invite()
    const expected = new Date(plain.created_at).getTime() + 30 * DAY
    expect(Math.abs(new Date(plain.expires_at).getTime() - expected)).toBeLessThan(5000)
    const slot = at(40 * DAY)
    const late = await invite({ scheduled_date: slot, admin_scheduled: true })
    expect(late.expires_at).toBe(new Date(new Date(slot).getTime() + WINDOW).toISOString())
  })

  it('moves to the close of the window of the slot the applicant picks, and never earlier', async () => {
    const created = await invite()
    const slot = at(45 * DAY)
    expect((await schedule(created.invite_token, slot)).statusCode).toBe(200)
    const pushed = new Date(new Date(slot).getTime() + WINDOW).toISOString()
    expect(await expiresAt(created.id)).toBe(pushed)
    expect((await schedule(created.invite_token, at(DAY))).statusCode).toBe(200)
    expect(await expiresAt(created.id)).toBe(pushed)
  })
})

describe('an unstarted invite past expires_at', () => {
  it('cannot be opened, started or scheduled even before the job marks it; a started one never expires', async () => {
    const created = await invite()
    const started = await invite()
    expect((await call('POST', `/api/start-test/${started.invite_token}`)).statusCode).toBe(200)
    await expireNow([created.id, started.id])

    const take = await call('GET', `/api/take-test/${created.invite_token}`)
    expect([take.statusCode, take.json()]).toEqual([404, { detail: 'Invalid or expired test invite', code: 'INVITATION_TEST_INVITE_NOT_FOUND' }])
    const start = await call('POST', `/api/start-test/${created.invite_token}`)
    expect([start.statusCode, start.json()]).toEqual([409, { detail: 'This invite has expired and the test can no longer be started', code: 'INVITATION_NOT_STARTABLE' }])
    const scheduled = await schedule(created.invite_token, at(DAY))
    expect([scheduled.statusCode, scheduled.json()]).toEqual([400, { detail: 'This invite has expired and can no longer be scheduled', code: 'INVITATION_NOT_SCHEDULABLE' }])
    expect(await statuses([created.id, started.id])).toEqual(['sent', 'in_progress'])
    expect((await call('GET', `/api/take-test/${started.invite_token}`)).statusCode).toBe(200)
  })
})

describe('the expiry job', () => {
  it('expires each due sent or scheduled invite exactly once with its status event, also with two instances at once', { timeout: 30_000 }, async () => {
    const due: InviteJson[] = []
    for (let index = 0; index < 12; index += 1) due.push(await invite(index % 2 === 0 ? {} : { scheduled_date: at(DAY), admin_scheduled: true }))
    const ids = due.map((created) => created.id)
    await expireNow(ids)
    const future = await invite()
    const inProgress = await invite()
    expect((await call('POST', `/api/start-test/${inProgress.invite_token}`)).statusCode).toBe(200)
    await expireNow([inProgress.id])

    const replicas = await Promise.all([harness.replica({ EXPIRY_INTERVAL_MS: '20' }), harness.replica({ EXPIRY_INTERVAL_MS: '20' })])
    await waitFor('every due invite to expire', async () => (await statuses(ids)).every((status) => status === 'expired') || undefined)
    // Time for more passes of both: nothing is expired twice.
    await new Promise((resolve) => setTimeout(resolve, 200))

    for (const created of due) {
      const events = (await outboxFor(harness.admin, created.id)).filter((event) => event.data['status'] === 'expired')
      expect(events, created.id).toEqual([{ subject: 'invitation.invite.status_changed.v1', data: expect.objectContaining({ inviteId: created.id, previousStatus: created.status }) }])
    }
    expect(await statuses([future.id, inProgress.id])).toEqual(['sent', 'in_progress'])
    for (const { logs } of replicas) expect(logs.filter((line) => Number(line['level']) >= 50)).toEqual([])
    const expired = replicas.flatMap(({ logs }) => logs.filter((line) => line['msg'] === 'expired unstarted invites past their expiry').map((line) => Number(line['expired'])))
    // Together the instances expired each invite once (this file's earlier ones that are due included).
    const { rows } = await harness.admin.query<{ n: number }>("SELECT count(*)::int AS n FROM invitation.invites WHERE status = 'expired'")
    expect(expired.reduce((sum, count) => sum + count, 0)).toBe(rows[0]?.n)
  })
})
