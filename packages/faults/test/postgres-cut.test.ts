import { afterAll, beforeAll, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { createApiClient } from '@repo/client'
import { waitFor } from '@repo/testing'
import { cutDatabase } from '../src/database-cut.js'
import { startFleet, type Fleet } from '../src/fleet.js'
import { confirmedLedger, ledgerMismatches } from '../src/ledger.js'
import { adminWithTest, inParallel, startedSessions, type Scenario, type Session } from '../src/scenario.js'
import { steadyLoad, type Answer, type Call } from '../src/steady-load.js'

// The fleet's database connections are cut under load, without stopping the server (shared with
// other tests) or any service: first every backend is terminated again and again while the services
// may reconnect, then new connections are refused too. Meanwhile every answer is a success or a 503
// the client may retry (never a 500 or a dropped connection), afterwards the same processes answer
// again by themselves, and every submission accepted is graded exactly once.
const SESSIONS = 150
const SERVICES = ['identity', 'assessment', 'invitation', 'grading', 'signaling', 'gateway']
const BASELINE_MS = 1000
const CHURN_MS = 2000
const OUTAGE_MS = 4000

let fleet: Fleet
let scenario: Scenario
let sessions: Session[]

beforeAll(async () => {
  fleet = await startFleet({
    // The republish of unconfirmed submissions (a new event id) is not under test here, and would add a
    // second submitted event to the ledger: out of reach of the test's run.
    serviceEnv: { invitation: { GRADING_CONFIRM_TIMEOUT_MS: '600000' } }
  })
  scenario = await adminWithTest(fleet.gatewayUrl)
  sessions = await startedSessions(scenario, SESSIONS)
})
afterAll(async () => { await fleet?.stop() })

it('answers 503 while the database connections are cut, recovers without a restart and loses no submission', async () => {
  const pids = new Map(SERVICES.map((name) => [name, fleet.service(name).pid()]))
  const applicant = createApiClient(fleet.gatewayUrl)
  const submitted = new Map<string, number>()
  let nextSession = 0
  const submitCall = (): Call | undefined => {
    const session = sessions[nextSession++]
    if (session === undefined) return undefined
    return async () => {
      const outcome = await applicant.POST('/api/submit-test/{token}', { params: { path: { token: session.token } }, body: { answers: scenario.answers } })
      submitted.set(session.inviteId, outcome.response.status)
      return outcome
    }
  }
  // Reads that each need their own service's database, and submissions, which write invitation's.
  const load = steadyLoad([
    { route: 'GET /api/auth/me', next: () => async () => await scenario.admin.GET('/api/auth/me') },
    { route: 'GET /api/tests', next: () => async () => await scenario.admin.GET('/api/tests') },
    { route: 'GET /api/results', next: () => async () => await scenario.admin.GET('/api/results') },
    { route: 'GET /api/invites', next: () => async () => await scenario.admin.GET('/api/invites') },
    { route: 'POST /api/submit-test', workers: 2, pauseMs: 60, next: submitCall }
  ])
  const routes = ['GET /api/auth/me', 'GET /api/tests', 'GET /api/results', 'GET /api/invites', 'POST /api/submit-test']

  let recoveredInMs = 0
  let cut = { terminated: 0, rounds: 0 }
  try {
    load.phase('baseline')
    await sleep(BASELINE_MS)
    load.phase('churn')
    const churn = await cutDatabase({ databaseUrl: fleet.databaseUrl, durationMs: CHURN_MS, total: false })
    load.phase('outage')
    const outage = await cutDatabase({ databaseUrl: fleet.databaseUrl, durationMs: OUTAGE_MS, total: true })
    cut = { terminated: churn.terminated + outage.terminated, rounds: churn.rounds + outage.rounds }
    load.phase('after')
    const cutEnded = Date.now()
    // Recovered once every route's latest answer, to a call started after the cut, is a success.
    await waitFor('every route to answer successfully again', () => {
      const latest = latestAfter(load.answers())
      return routes.filter((route) => route !== 'POST /api/submit-test' || nextSession < sessions.length).every((route) => latest.get(route)?.status === 200) ? true : undefined
    }, 30_000).catch((error: unknown) => { throw new Error(`${String(error)}; answers: ${JSON.stringify(tally(load.answers()))}; latest: ${JSON.stringify([...latestAfter(load.answers()).values()])}\n${fleet.output()}`) })
    recoveredInMs = Date.now() - cutEnded
  } finally {
    await load.stop()
  }

  const answers = load.answers()
  const count = (phase: string, status: number) => answers.filter((answer) => answer.phase === phase && answer.status === status).length
  const unavailable = answers.filter((answer) => answer.status === 503)
  console.info(`postgres-cut: ${cut.terminated} backends terminated in ${cut.rounds} rounds; ${answers.length} answers; 503s: churn ${count('churn', 503)}, outage ${count('outage', 503)}, after ${count('after', 503)}; 200s: churn ${count('churn', 200)}, outage ${count('outage', 200)}; recovered ${recoveredInMs} ms after the cut`)

  // Nothing but successes and retryable refusals: no 500, no dropped connection, no other status.
  expect(answers.filter((answer) => answer.status !== 200 && answer.status !== 503)).toEqual([])
  // Before the cut (started and answered) everything succeeded: the 503s are the cut's doing.
  expect(answers.filter((answer) => answer.answeredIn === 'baseline' && answer.status !== 200)).toEqual([])
  // Each 503 is the error envelope with the Retry-After a client honours.
  expect(unavailable.filter((answer) => {
    const body = answer.body as { detail?: unknown, code?: unknown } | undefined
    return typeof body?.detail !== 'string' || typeof body.code !== 'string' || answer.retryAfter === null || answer.retryAfter === undefined
  })).toEqual([])
  // The outage was real: while new connections were refused, the services said so.
  expect(count('outage', 503)).toBeGreaterThan(0)
  expect(cut.terminated).toBeGreaterThan(0)

  // The same processes recovered by themselves: none exited, none was started again.
  for (const name of SERVICES) {
    const service = fleet.service(name)
    expect({ name, running: service.running(), pid: service.pid() }).toEqual({ name, running: true, pid: pids.get(name) })
    await waitFor(`${name} to be ready again`, async () => {
      const response = await fetch(`${service.url}/ready`)
      await response.body?.cancel()
      return response.status === 200 ? true : undefined
    }, 30_000)
  }

  // A refused submission is the applicant's to send again, as the 503 says; sessions the load did not
  // reach go in now. Either is accepted now, or was after all (its commit went through as the
  // connection was cut): then it is already submitted.
  const resent = await inParallel(sessions.filter((session) => submitted.get(session.inviteId) !== 200), 4, async (session) => {
    const outcome = await applicant.POST('/api/submit-test/{token}', { params: { path: { token: session.token } }, body: { answers: scenario.answers } })
    return outcome.response.status
  })
  expect(resent.filter((status) => status !== 200 && status !== 409)).toEqual([])

  // Nothing accepted was lost or done twice: every submission is graded and confirmed exactly once.
  const inviteIds = sessions.map((session) => session.inviteId)
  const ledger = await confirmedLedger(fleet.databaseUrl, inviteIds, 60_000, fleet.output)
  expect(ledgerMismatches(ledger, { accepted: 1, submittedEvents: 1, graded: 1, gradedEvents: 1, confirmed: 1 })).toEqual({})
  expect([...submitted.values()].filter((status) => status === 200).length).toBeGreaterThan(0)
})

/** How many answers of each status each route gave in each phase, for a failure's message. */
function tally (answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const answer of answers) {
    const key = `${answer.phase} ${answer.route} ${answer.status}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

/** Each route's latest answer to a call started after the cut. */
function latestAfter (answers: readonly Answer[]): Map<string, Answer> {
  const latest = new Map<string, Answer>()
  for (const answer of answers) if (answer.phase === 'after') latest.set(answer.route, answer)
  return latest
}
