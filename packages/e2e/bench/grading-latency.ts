// Submit to graded: the time from a submit's response (POST /api/submit-test, through the gateway) to
// its result being readable (GET /api/results/{submission_id} answers 200), at a steady rate.
//
// How "readable" is detected. Polling every submission's result would put as many reads on grading and
// the gateway as the rate under test, times the polls, on a machine whose two cores already run the
// stack, Postgres and the load: the measurement would slow what it measures, and its figure would be
// quantised by the poll interval. Instead, the benchmark listens on NATS core to grading's graded event
// (`<prefix>.grading.submission.graded.v1`, the stream's subject; a core subscriber gets every message
// the stream takes). Grading writes the submission and the event's outbox row in one transaction, and
// its relay reads only committed rows, so when the event arrives the result has been committed: the
// event's arrival bounds readability from above (the figure can only be pessimistic, by one NATS hop).
// Two checks keep that honest: a sample of results (every SAMPLE_EVERY-th) is read at once when its
// event arrives, and must answer 200 there and then (the "readable when the event came" claim, timed
// to the read's answer as a second, read-inclusive figure); and after each run every result is read
// once, a few at a time, and any that is not 200 counts as lost. A submission whose event has not come
// within the wait counts as lost too.
import { setTimeout as sleep } from 'node:timers/promises'
import { connect, type NatsConnection } from 'nats'
import { round, untilDue } from './bench-kit.js'
import { busyPercent, machineCpu } from './memory.js'
import { inParallel, type Scenario, type Session } from './scenario.js'

/** Results read as soon as their event arrives: one submission in this many. */
const SAMPLE_EVERY = 10
/** How long after the run's last submit answer the events of the run may still come. */
const GRADED_WAIT_MS = Number(process.env.BENCH_GRADED_WAIT_MS ?? 30_000)

export type Percentiles = { count: number, p50: number, p99: number, max: number }

export type GradedRun = {
  perSecond: number
  seconds: number
  /** Submits made (each a started session's only submit), the warm-up's included. */
  submitted: number
  /**
   * The first submits of the run, at the same rate and on the same schedule as the rest, but kept out of
   * every figure below but `lost` and the CPU: the stack comes to them from idle (see submitToGraded).
   */
  warmUp: { submitted: number, submitToGraded: Percentiles }
  /** The submit calls themselves (request to response), ms. */
  submit: Percentiles
  /** Submit response to graded event, ms, after the warm-up: the figure the target is about. */
  submitToGraded: Percentiles
  /** The sample read at its event's arrival: submit response to that read's 200, ms. */
  submitToReadSample: Percentiles
  /** The stages of submitToGraded (GradedListener.stages), ms: they add up to it, give or take the clocks' rounding. */
  stages: { relayed: Percentiles, graded: Percentiles, published: Percentiles }
  /** The ten slowest after the warm-up, by when their submit was answered (ms since the run started), with their stages: a stall shows as a cluster. */
  slowest: { atMs: number, ms: number, relayed?: number, graded?: number, published?: number }[]
  /** Events that came before their submit's response (counted as 0 ms above). */
  gradedBeforeResponse: number
  /** Submissions without an event within the wait, or whose result did not read 200 afterwards. */
  lost: number
  /** Each service's CPU time from the first submit to the last event, per submission, ms: which service a slow run was busy in. */
  cpuMsPerSubmission: Record<string, number>
  /** How busy the machine's cores were over the same span (everything: stack, Postgres, NATS, this load), percent. */
  machineBusyPercent: number
}

export function percentiles (values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN)
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: round(sorted.at(-1) ?? Number.NaN) }
}

type Submission = { sentAt: number, answeredAt: number, status: number, id: string | undefined }

type EventSeen = { arrivedAt: number, occurredAt: number }
type Envelope = { occurredAt?: unknown, data?: { submissionId?: unknown } }

/**
 * Graded events as they arrive, by submission id (first arrival only: grading may republish one). The
 * submitted events (invitation's `test.submitted`) are listened to as well, only to split the latency
 * into its stages: each envelope's `occurredAt` is when its producer wrote it to its outbox, inside the
 * transaction that made the change (wall clock, ms; the same machine's clock as this process's).
 */
export class GradedListener {
  readonly arrivals = new Map<string, number>()
  readonly #graded = new Map<string, EventSeen>()
  readonly #submitted = new Map<string, EventSeen>()
  readonly #waiters = new Map<string, () => void>()
  #connection: NatsConnection | undefined

  async start (natsUrl: string, eventsPrefix: string): Promise<void> {
    const connection = await connect({ servers: natsUrl })
    this.#connection = connection
    const listen = (subject: string, seen: Map<string, EventSeen>, then?: (id: string, arrivedAt: number) => void) => {
      connection.subscribe(`${eventsPrefix}.${subject}`, {
        callback: (error, message) => {
          if (error !== null) return
          const arrivedAt = performance.now()
          const envelope = message.json<Envelope>()
          const id = envelope.data?.submissionId
          if (typeof id !== 'string' || seen.has(id)) return
          // performance.now() is ms since timeOrigin (wall clock, ms): the same scale as the envelope's.
          const occurredAt = typeof envelope.occurredAt === 'string' ? Date.parse(envelope.occurredAt) - performance.timeOrigin : Number.NaN
          seen.set(id, { arrivedAt, occurredAt })
          then?.(id, arrivedAt)
        }
      })
    }
    listen('invitation.test.submitted.v1', this.#submitted)
    listen('grading.submission.graded.v1', this.#graded, (id, arrivedAt) => {
      this.arrivals.set(id, arrivedAt)
      this.#waiters.get(id)?.()
      this.#waiters.delete(id)
    })
    // The subscriptions are in place on the server before anything is submitted.
    await connection.flush()
  }

  /**
   * Where a submission's time went, in ms from its submit response: until invitation's submitted event
   * was on NATS (its commit and outbox relay), from there until grading wrote the graded event (its
   * consumer's delivery and the grading transaction up to the outbox write), and from there until the
   * graded event was on NATS (the rest of grading's transaction, its commit and outbox relay).
   */
  stages (id: string, answeredAt: number): { relayed: number, graded: number, published: number } | undefined {
    const submitted = this.#submitted.get(id)
    const graded = this.#graded.get(id)
    if (submitted === undefined || graded === undefined) return undefined
    return { relayed: submitted.arrivedAt - answeredAt, graded: graded.occurredAt - submitted.arrivedAt, published: graded.arrivedAt - graded.occurredAt }
  }

  /** Calls `then` when the submission's event arrives (at once if it already has). */
  onArrival (id: string, then: () => void): void {
    if (this.arrivals.has(id)) then()
    else this.#waiters.set(id, then)
  }

  /** Waits until every id has arrived, or `timeoutMs` has passed; answers those that have not. */
  async waitFor (ids: readonly string[], timeoutMs: number): Promise<string[]> {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const missing = ids.filter((id) => !this.arrivals.has(id))
      if (missing.length === 0 || performance.now() >= deadline) return missing
      await sleep(50)
    }
  }

  async stop (): Promise<void> {
    await this.#connection?.drain()
  }
}

async function readResult (scenario: Scenario, id: string): Promise<number> {
  const response = await fetch(`${scenario.gatewayUrl}/api/results/${id}`, { headers: { authorization: `Bearer ${scenario.adminToken}` } })
  await response.body?.cancel()
  return response.status
}

/**
 * Submits one session of `pool` every 1/`perSecond` s, open loop (on schedule, whether earlier submits
 * have been answered or not, as independent applicants would), so a slow stack meets the full rate
 * instead of slowing the load down. Throws when a submit is not answered 200: the figures would then
 * not be about submissions.
 *
 * The first `warmUpCount` submits are the run's warm-up: the rate is steady only once it has begun. A
 * run starts on a stack that has been idle (each waits for every consumer to be quiet), and the first
 * submissions after idle take longer (on this machine 100-370 ms in the first 100-300 ms of a run,
 * mostly in grading's delivery and handling); their figures are returned apart (`warmUp`), not dropped.
 */
export async function submitToGraded (scenario: Scenario, listener: GradedListener, pool: readonly Session[], perSecond: number, cpu: () => Promise<Record<string, number>>, warmUpCount = 0): Promise<GradedRun> {
  const body = JSON.stringify({ answers: scenario.answers })
  const samples: number[] = []
  const sampleReads: Promise<void>[] = []
  const unreadAtArrival: string[] = []
  const submit = async (session: Session, index: number): Promise<Submission> => {
    const sentAt = performance.now()
    const response = await fetch(`${scenario.gatewayUrl}/api/submit-test/${session.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const answeredAt = performance.now()
    const reply = await response.json().catch(() => undefined) as { submission_id?: string } | undefined
    const id = reply?.submission_id
    if (response.status === 200 && id !== undefined && index % SAMPLE_EVERY === 0) {
      listener.onArrival(id, () => {
        sampleReads.push(readResult(scenario, id).then((status) => {
          if (status !== 200) unreadAtArrival.push(`${id}: ${status}`)
          else if (index >= warmUpCount) samples.push(Math.max(0, performance.now() - answeredAt))
        }))
      })
    }
    return { sentAt, answeredAt, status: response.status, id }
  }

  const cpuBefore = await cpu()
  const machineBefore = await machineCpu()
  const started = performance.now()
  const pending: Promise<Submission>[] = []
  for (const [index, session] of pool.entries()) {
    await untilDue(started, index, perSecond)
    pending.push(submit(session, index))
  }
  const submissions = await Promise.all(pending)
  const seconds = round((performance.now() - started) / 1000)
  const refused = submissions.filter((submission) => submission.status !== 200 || submission.id === undefined)
  if (refused.length > 0) throw new Error(`submit to graded at ${perSecond}/s: ${refused.length} submits were not answered 200 with a submission id (first: ${refused[0]?.status})`)

  const ids = submissions.map((submission) => submission.id as string)
  const missing = new Set(await listener.waitFor(ids, GRADED_WAIT_MS))
  await Promise.all(sampleReads)
  // Up to the last event (and the sample's reads), not the checking reads below.
  const cpuAfter = await cpu()
  const machineBusy = busyPercent(machineBefore, await machineCpu())
  const cpuMsPerSubmission = Object.fromEntries(Object.entries(cpuAfter).map(([service, seconds]) => [service, round((seconds - (cpuBefore[service] ?? 0)) * 1000 / submissions.length)]))
  if (unreadAtArrival.length > 0) throw new Error(`submit to graded at ${perSecond}/s: results not readable when their graded event came (${unreadAtArrival.slice(0, 3).join(', ')}): the event does not bound readability`)
  // Every result read once after the run; a few at a time, so this check does not swamp the stack.
  const statuses = await inParallel(ids, 8, async (id) => missing.has(id) ? 0 : await readResult(scenario, id))
  const lost = statuses.filter((status) => status !== 200).length

  const latencies: number[] = []
  const warmUpLatencies: number[] = []
  const timeline: GradedRun['slowest'] = []
  const stages = { relayed: [] as number[], graded: [] as number[], published: [] as number[] }
  let gradedBeforeResponse = 0
  for (const [index, submission] of submissions.entries()) {
    const arrivedAt = listener.arrivals.get(submission.id as string)
    if (arrivedAt === undefined) continue
    if (index < warmUpCount) {
      warmUpLatencies.push(Math.max(0, arrivedAt - submission.answeredAt))
      continue
    }
    if (arrivedAt < submission.answeredAt) gradedBeforeResponse++
    latencies.push(Math.max(0, arrivedAt - submission.answeredAt))
    const split = listener.stages(submission.id as string, submission.answeredAt)
    timeline.push({ atMs: round(submission.answeredAt - started), ms: round(Math.max(0, arrivedAt - submission.answeredAt)), ...(split === undefined ? {} : { relayed: round(split.relayed), graded: round(split.graded), published: round(split.published) }) })
    if (split === undefined) continue
    stages.relayed.push(split.relayed)
    stages.graded.push(split.graded)
    stages.published.push(split.published)
  }
  return {
    perSecond,
    seconds,
    submitted: submissions.length,
    warmUp: { submitted: Math.min(warmUpCount, submissions.length), submitToGraded: percentiles(warmUpLatencies) },
    submit: percentiles(submissions.slice(warmUpCount).map((submission) => submission.answeredAt - submission.sentAt)),
    submitToGraded: percentiles(latencies),
    submitToReadSample: percentiles(samples),
    stages: { relayed: percentiles(stages.relayed), graded: percentiles(stages.graded), published: percentiles(stages.published) },
    slowest: timeline.sort((a, b) => b.ms - a.ms).slice(0, 10).sort((a, b) => a.atMs - b.atMs),
    gradedBeforeResponse,
    lost,
    cpuMsPerSubmission,
    machineBusyPercent: machineBusy
  }
}
