import { connect, StringCodec } from 'nats'
import pg from 'pg'
import { waitFor } from '@repo/testing'

/** How often each submission went through each step: a correct run shows 1 everywhere. */
export type SubmissionLedger = {
  /** Rows in invitation.submissions (the accepted submission). */
  accepted: number
  /** Submitted events invitation wrote to its outbox. */
  submittedEvents: number
  /** Rows in grading.submissions (the result). */
  graded: number
  /** Graded events grading wrote to its outbox. */
  gradedEvents: number
  /** Invitation heard back that grading has it (graded_at set). */
  confirmed: number
  autoSubmitted: number
}

/**
 * What the fleet's database says happened to each invite, keyed by invite id: the submission, the
 * events written with it, the grade and the confirmation. Every invite asked for is in the answer.
 */
export async function submissionLedger (databaseUrl: string, inviteIds: readonly string[]): Promise<Map<string, SubmissionLedger>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<SubmissionLedger & { invite_id: string }>(`
      SELECT invite.id AS invite_id,
        (SELECT count(*) FROM invitation.submissions s WHERE s.invite_id = invite.id)::int AS accepted,
        (SELECT count(*) FROM invitation.outbox o WHERE o.subject LIKE '%.test.submitted.v1' AND o.envelope->'data'->>'inviteId' = invite.id::text)::int AS "submittedEvents",
        (SELECT count(*) FROM grading.submissions g WHERE g.invite_id = invite.id)::int AS graded,
        (SELECT count(*) FROM grading.outbox o WHERE o.subject LIKE '%.submission.graded.v1' AND o.envelope->'data'->>'inviteId' = invite.id::text)::int AS "gradedEvents",
        (SELECT count(*) FROM invitation.submissions s WHERE s.invite_id = invite.id AND s.graded_at IS NOT NULL)::int AS confirmed,
        (SELECT count(*) FROM invitation.submissions s WHERE s.invite_id = invite.id AND s.auto_submitted)::int AS "autoSubmitted"
      FROM unnest($1::uuid[]) AS invite(id)`, [inviteIds])
    return new Map(rows.map(({ invite_id: inviteId, ...ledger }) => [inviteId, ledger]))
  } finally {
    await client.end()
  }
}

/** The invite ids whose ledger differs from `expected`, with what it shows instead (empty when all match). */
export function ledgerMismatches (ledger: Map<string, SubmissionLedger>, expected: Partial<SubmissionLedger>): Record<string, SubmissionLedger> {
  const wrong: Record<string, SubmissionLedger> = {}
  for (const [inviteId, row] of ledger) {
    const matches = Object.entries(expected).every(([key, value]) => row[key as keyof SubmissionLedger] === value)
    if (!matches) wrong[inviteId] = row
  }
  return wrong
}

/**
 * How many messages the stream holds per key (read from each message's envelope data by `keyOf`),
 * for checking that what was published reached JetStream exactly once (the stream's duplicate
 * window drops a re-publish of the same event id).
 */
export async function streamCounts (natsUrl: string, stream: string, subject: string, keyOf: (data: Record<string, unknown>) => string): Promise<Map<string, number>> {
  const connection = await connect({ servers: natsUrl, timeout: 5000 })
  const codec = StringCodec()
  const counts = new Map<string, number>()
  try {
    const jsm = await connection.jetstreamManager()
    const { state } = await jsm.streams.info(stream)
    // Read one by one: a few thousand direct reads are quick, and need no consumer on the stream.
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq })
      if (message.subject !== subject) continue
      const envelope = JSON.parse(codec.decode(message.data)) as { data: Record<string, unknown> }
      const key = keyOf(envelope.data)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    return counts
  } finally {
    await connection.close()
  }
}

/** Totals over all invites per step, for progress and failure messages ("graded 480 of 500"). */
export function ledgerTotals (ledger: Map<string, SubmissionLedger>): Record<keyof SubmissionLedger, number> & { invites: number } {
  const totals = { invites: ledger.size, accepted: 0, submittedEvents: 0, graded: 0, gradedEvents: 0, confirmed: 0, autoSubmitted: 0 }
  for (const row of ledger.values()) {
    for (const key of Object.keys(row) as (keyof SubmissionLedger)[]) totals[key] += row[key]
  }
  return totals
}

/**
 * Waits (bounded) until invitation has had grading's confirmation for every invite, and answers the
 * ledger then. A timeout says how far it got (the totals) and `context()` (e.g. the processes' output).
 */
export async function confirmedLedger (databaseUrl: string, inviteIds: readonly string[], timeoutMs: number, context: () => string): Promise<Map<string, SubmissionLedger>> {
  let totals = {}
  return await waitFor('every submission to be graded and confirmed', async () => {
    const rows = await submissionLedger(databaseUrl, inviteIds)
    totals = ledgerTotals(rows)
    // At least once: a second confirmation is for the caller's exact check to report, not to wait out.
    return [...rows.values()].every((row) => row.confirmed >= 1) ? rows : undefined
  }, timeoutMs).catch((error: unknown) => { throw new Error(`${String(error)}; the ledger shows ${JSON.stringify(totals)}\n${context()}`) })
}
