import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { startFleet, type Fleet } from '../src/fleet.js'
import { confirmedLedger, ledgerMismatches, streamCounts, submissionLedger } from '../src/ledger.js'
import { adminWithTest, inParallel, startedSessions, submit, type Scenario, type Session } from '../src/scenario.js'

// Grading dies without any clean-up (SIGKILL) in the middle of a burst of 500 submissions and comes
// back: JetStream redelivers what it had not acknowledged, and the inbox keeps a redelivered event
// from being graded twice.
const BURST = 500

let fleet: Fleet
let scenario: Scenario
let sessions: Session[]

beforeAll(async () => {
  fleet = await startFleet()
  scenario = await adminWithTest(fleet.gatewayUrl)
  sessions = await startedSessions(scenario, BURST)
})
afterAll(async () => { await fleet?.stop() })

it('grades all 500 submissions exactly once although grading was killed with SIGKILL mid-burst', async () => {
  const grading = fleet.service('grading')
  const gradedSoFar = async () => [...(await submissionLedger(fleet.databaseUrl, sessions.map((session) => session.inviteId))).values()].filter((row) => row.graded > 0).length

  const statuses = inParallel(sessions, 16, async (session) => await submit(scenario, session))
  // Killed once grading is under way, so some events are graded, some in flight and some not yet read.
  await waitFor('grading to have graded part of the burst', async () => (await gradedSoFar()) >= 20 ? true : undefined, 60_000)
  await grading.kill('SIGKILL')
  const gradedWhenKilled = await gradedSoFar()
  await sleep(500)
  await grading.start()

  // Submitting never depended on grading: every submission was accepted.
  expect((await statuses).filter((status) => status !== 200)).toEqual([])
  expect(gradedWhenKilled).toBeLessThan(BURST)

  const inviteIds = sessions.map((session) => session.inviteId)
  const ledger = await confirmedLedger(fleet.databaseUrl, inviteIds, 90_000, fleet.output)
  expect(ledgerMismatches(ledger, { accepted: 1, submittedEvents: 1, graded: 1, gradedEvents: 1, confirmed: 1 })).toEqual({})

  // Each grade reached JetStream once, whatever grading redid after its restart.
  const graded = await streamCounts(fleet.natsUrl, `${fleet.eventsPrefix.toUpperCase()}_GRADING`, `${fleet.eventsPrefix}.grading.submission.graded.v1`, (data) => String(data.inviteId))
  expect(graded.size).toBe(BURST)
  expect([...graded.values()].filter((count) => count !== 1)).toEqual([])
})
