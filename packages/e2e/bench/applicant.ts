// The applicant path through the gateway at 50 concurrent applicants: opening the test, autosaving
// answers, submitting. 50 autocannon connections stand for the 50 applicants, each sending its next
// request as soon as the last is answered (closed loop: throughput is what the stack sustains).
// Opening and autosaving are repeatable, so each runs for a fixed time over 50 started sessions, each
// connection keeping to one session's token as its applicant would; a submit is once per session, so
// the submit run makes exactly one request per fresh started session of its pool and ends when the
// pool is used up.
import autocannon from 'autocannon'
import { round, summary, type Load } from './bench-kit.js'
import type { Scenario, Session } from './scenario.js'

export const APPLICANTS = 50

export type ApplicantPath = { takeTest: Load, autosave: Load, submit: Load & { count: number } }

/**
 * A setupClient that gives each connection (autocannon calls it once per connection) a session of its
 * own, for good: one connection is one applicant, who opens or autosaves their own test only.
 */
function onePerConnection (sessions: readonly Session[], request: (token: string) => autocannon.Request): (client: autocannon.Client) => void {
  let next = 0
  return (client) => {
    const session = sessions[next++ % sessions.length]
    if (session === undefined) throw new Error('no sessions to take the test with')
    client.setRequests([request(session.token)])
  }
}

/**
 * Runs the three steps, in order, for `seconds` each (the submit run: one request per session of
 * `submitPool`). Throws when any answer is not 2xx: the figures would then measure refusals.
 */
export async function applicantPath (scenario: Scenario, sessions: readonly Session[], submitPool: readonly Session[], seconds: number): Promise<ApplicantPath> {
  const base = { url: scenario.gatewayUrl, connections: APPLICANTS }
  const takeTest = summary(await autocannon({
    ...base,
    duration: seconds,
    setupClient: onePerConnection(sessions, (token) => ({ method: 'GET', path: `/api/take-test/${token}` }))
  }))

  const autosave = summary(await autocannon({
    ...base,
    duration: seconds,
    setupClient: onePerConnection(sessions, (token) => ({ method: 'PUT', path: `/api/take-test/${token}/answers`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: scenario.answers }) }))
  }))

  let next = 0
  const submitted = await autocannon({
    ...base,
    amount: submitPool.length,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: scenario.answers }),
      // Past the pool (it should not happen: `amount` is the pool's size) the last token is sent again
      // and its 409 fails the run, rather than a request being made up.
      setupRequest: (request) => ({ ...request, path: `/api/submit-test/${(submitPool[Math.min(next++, submitPool.length - 1)] as Session).token}` })
    }]
  })
  // A run of a fixed count ends part-way through its last second: the per-second average of
  // autocannon's samples would count that partial second as a whole one, so count over the duration.
  const submit = { ...summary(submitted), perSecond: round(submitted.requests.total / submitted.duration), count: submitted.requests.total }

  const results = { takeTest, autosave, submit }
  const refused = takeTest.non2xx + takeTest.errors + autosave.non2xx + autosave.errors + submit.non2xx + submit.errors
  if (refused > 0) throw new Error(`applicant path: ${refused} answers were not 2xx or failed: ${JSON.stringify(results)}`)
  if (submit.count !== submitPool.length) throw new Error(`applicant path: ${submit.count} submits made for a pool of ${submitPool.length}`)
  return results
}
