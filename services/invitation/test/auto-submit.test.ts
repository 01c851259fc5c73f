import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { caller, createHarness, outboxFor, publishTest, type Caller, type Harness, type Published } from './helpers.js'

type InviteJson = { id: string, invite_token: string }

// The harness's own app never runs the job (its interval is an hour); replicas started here do.
let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let published: Published
// The logs of every replica started here; they all keep running the job until cleanup.
const jobLogs: Record<string, unknown>[][] = []

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  published = await publishTest(harness)
})
afterAll(async () => { await harness.cleanup() })

let applicants = 0
async function startedSession (): Promise<InviteJson> {
  applicants += 1
  const response = await call('POST', '/api/invites', admin, { test_id: published.testId, applicant_email: `late-${applicants}@example.com`, applicant_name: 'Lee' })
  expect(response.statusCode, response.body).toBe(200)
  const created = response.json<InviteJson>()
  expect((await call('POST', `/api/start-test/${created.invite_token}`)).statusCode).toBe(200)
  return created
}

/** Moves a session's start back so that its deadline (31 minutes) plus the 30 s grace has passed. */
const makeDue = async (id: string) => {
  await harness.admin.query("UPDATE invitation.invites SET started_at = now() - interval '40 minutes' WHERE id = $1", [id])
}

const submissionsOf = async (ids: string[]) => (await harness.admin.query<{ invite_id: string, auto_submitted: boolean, answers: { questionId: string, answer: string }[] }>(
  'SELECT invite_id, auto_submitted, answers FROM invitation.submissions WHERE invite_id = ANY($1::uuid[])', [ids])).rows

const statuses = async (ids: string[]) => (await harness.admin.query<{ status: string }>(
  'SELECT status FROM invitation.invites WHERE id = ANY($1::uuid[])', [ids])).rows.map((row) => row.status)

describe('auto-submit of sessions past their deadline', () => {
  it('refuses a late submit with 409, then submits the saved answers itself (auto_submitted)', { timeout: 30_000 }, async () => {
    const [mcq, essay] = [published.questions[1]?.id ?? '', published.questions[2]?.id ?? '']
    const created = await startedSession()
    expect((await call('PUT', `/api/take-test/${created.invite_token}/answers`, undefined, { answers: [{ question_id: essay, answer: 'Saved essay' }, { question_id: mcq, answer: 'SELECT' }] })).statusCode).toBe(200)
    await makeDue(created.id)
    const late = await call('POST', `/api/submit-test/${created.invite_token}`, undefined, { answers: [{ question_id: mcq, answer: 'GRAB' }] })
    expect(late.statusCode).toBe(409)
    expect(late.json()).toEqual({ detail: 'Time is up', code: 'INVITATION_TIME_IS_UP' })
    // A session still running is left alone.
    const running = await startedSession()

    const replica = await harness.replica({ AUTO_SUBMIT_INTERVAL_MS: '50' })
    jobLogs.push(replica.logs)
    const [row] = await waitFor('the late session to be auto-submitted', async () => {
      const rows = await submissionsOf([created.id])
      return rows.length === 1 ? rows : undefined
    })
    expect(row?.auto_submitted).toBe(true)
    expect(row?.answers).toEqual([
      { questionId: mcq, answer: 'SELECT' },
      { questionId: published.questions[0]?.id, answer: '' },
      { questionId: essay, answer: 'Saved essay' }
    ])
    expect(await statuses([created.id])).toEqual(['completed'])
    expect((await outboxFor(harness.admin, created.id)).map((event) => event.data['status'])).toEqual(['sent', 'in_progress', 'completed'])

    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await statuses([running.id])).toEqual(['in_progress'])
    expect(await submissionsOf([running.id])).toEqual([])
    expect(replica.logs.filter((line) => Number(line['level']) >= 50)).toEqual([])
  })

  it('submits each due session exactly once when two instances run the job at the same time', { timeout: 30_000 }, async () => {
    const sessions: InviteJson[] = []
    for (let index = 0; index < 12; index += 1) sessions.push(await startedSession())
    for (const session of sessions) await makeDue(session.id)
    const ids = sessions.map((session) => session.id)

    const replicas = await Promise.all([harness.replica({ AUTO_SUBMIT_INTERVAL_MS: '20' }), harness.replica({ AUTO_SUBMIT_INTERVAL_MS: '20' })])
    jobLogs.push(...replicas.map((replica) => replica.logs))
    await waitFor('every due session to be auto-submitted', async () => (await statuses(ids)).every((status) => status === 'completed') || undefined)
    // Give both instances time for more passes: nothing is submitted twice.
    await new Promise((resolve) => setTimeout(resolve, 300))

    const rows = await submissionsOf(ids)
    expect(rows).toHaveLength(12)
    expect(new Set(rows.map((row) => row.invite_id)).size).toBe(12)
    expect(rows.every((row) => row.auto_submitted)).toBe(true)
    for (const id of ids) {
      expect((await outboxFor(harness.admin, id)).filter((event) => event.data['status'] === 'completed')).toHaveLength(1)
    }
    for (const logs of jobLogs) expect(logs.filter((line) => Number(line['level']) >= 50)).toEqual([])
    // Each session was auto-submitted by exactly one of the instances (the first test's one included).
    const submitted = jobLogs.flat().filter((line) => line['msg'] === 'auto-submitted a session past its deadline').map((line) => line['inviteId'])
    expect(submitted.filter((id) => ids.includes(id as string)).sort()).toEqual([...ids].sort())
  })
})
