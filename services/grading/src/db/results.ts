import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { GradingDb, GradingQueryable, GradingTx } from './database.js'
import { answers, monitoredInvites, submissions, testVersions } from './schema.js'
import type { TestVersionRow } from './test-versions.js'

export type SubmissionRow = typeof submissions.$inferSelect
export type AnswerRow = typeof answers.$inferSelect
export type { TestVersionRow }

/** A submission with the facts of its pinned version that result lists show (answer keys left out). */
export type SubmissionWithTest = {
  submission: SubmissionRow
  test: { title: string, description: string, durationMinutes: number }
}

/** The filters of GET /results and its CSV export (API.md 2.5); each is optional. */
export type ResultFilter = {
  /** `submitted_at >= from` (the start of start_date's day, UTC). */
  from?: Date
  /** `submitted_at < until` (the start of the day after end_date, UTC). */
  until?: Date
  testId?: string
}

export type Page = { limit: number, offset: number }

const testFacts = { title: testVersions.title, description: testVersions.description, durationMinutes: testVersions.durationMinutes }

// A submission is only stored once its pinned version is here (else it waits in pending_submissions), and
// both go together when a test is deleted, so the inner join loses nothing.
const pinnedVersion = and(eq(testVersions.testId, submissions.testId), eq(testVersions.version, submissions.testVersion))

function filterConditions (filter: ResultFilter): SQL | undefined {
  const conditions: SQL[] = []
  if (filter.from !== undefined) conditions.push(gte(submissions.submittedAt, filter.from))
  if (filter.until !== undefined) conditions.push(lt(submissions.submittedAt, filter.until))
  if (filter.testId !== undefined) conditions.push(eq(submissions.testId, filter.testId))
  return and(...conditions)
}

const newestFirst = [desc(submissions.submittedAt), desc(submissions.id)]

/**
 * One page of every submission that passes the filter, newest first, and how many pass it in all. Both
 * read one snapshot (a repeatable-read transaction): read apart, a submission graded in between could be
 * on the page but not in the total.
 */
export async function listResults (db: GradingDb, filter: ResultFilter, page: Page): Promise<{ rows: SubmissionWithTest[], total: number }> {
  const where = filterConditions(filter)
  return await db.transaction(async (tx) => {
    const rows = await tx.select({ submission: submissions, test: testFacts }).from(submissions).innerJoin(testVersions, pinnedVersion)
      .where(where).orderBy(...newestFirst).limit(page.limit).offset(page.offset)
    const [counted] = await tx.select({ total: count() }).from(submissions).innerJoin(testVersions, pinnedVersion).where(where)
    return { rows, total: counted?.total ?? 0 }
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' })
}

/**
 * Where an export batch stopped: the last row's `submitted_at` as Postgres printed it (a JS Date would
 * drop its microseconds) and its id.
 */
export type ExportCursor = { submittedAt: string, id: string }

/** A batch of the CSV export: the filter's rows after `after` (newest first), keyset-paged so a large export reads in bounded memory. */
export async function exportBatch (db: GradingQueryable, filter: ResultFilter, after: ExportCursor | undefined, size: number): Promise<(SubmissionWithTest & { cursor: string })[]> {
  const keyset = after === undefined
    ? undefined
    : sql`(${submissions.submittedAt}, ${submissions.id}) < (${after.submittedAt}::timestamptz, ${after.id}::uuid)`
  return db.select({ submission: submissions, test: testFacts, cursor: sql<string>`${submissions.submittedAt}::text` })
    .from(submissions).innerJoin(testVersions, pinnedVersion)
    .where(and(filterConditions(filter), keyset)).orderBy(...newestFirst).limit(size)
}

/** A submission with its whole pinned version (answer keys included: admins only). */
export async function findSubmission (db: GradingQueryable, id: string): Promise<{ submission: SubmissionRow, version: TestVersionRow } | undefined> {
  const [row] = await db.select({ submission: submissions, version: testVersions }).from(submissions)
    .innerJoin(testVersions, pinnedVersion).where(eq(submissions.id, id)).limit(1)
  return row
}

/** A submission's answers in the order of the version's questions. */
export async function listAnswers (db: GradingQueryable, submissionId: string): Promise<AnswerRow[]> {
  return db.select().from(answers).where(eq(answers.submissionId, submissionId)).orderBy(asc(answers.questionOrder), asc(answers.id))
}

/** One applicant's submissions, matched by e-mail case-insensitively, newest first. */
export async function listSubmissionsOf (db: GradingQueryable, email: string, page: Page): Promise<SubmissionWithTest[]> {
  return db.select({ submission: submissions, test: testFacts }).from(submissions).innerJoin(testVersions, pinnedVersion)
    .where(sql`lower(${submissions.applicantEmail}) = lower(${email})`)
    .orderBy(...newestFirst).limit(page.limit).offset(page.offset)
}

/** One of the applicant's own submissions; undefined when it is someone else's or does not exist. */
export async function findSubmissionOf (db: GradingQueryable, email: string, submissionId: string): Promise<SubmissionWithTest | undefined> {
  const [row] = await db.select({ submission: submissions, test: testFacts }).from(submissions).innerJoin(testVersions, pinnedVersion)
    .where(and(eq(submissions.id, submissionId), sql`lower(${submissions.applicantEmail}) = lower(${email})`)).limit(1)
  return row
}

export type QueueRow = SubmissionWithTest & { totalAnswers: number, manualQuestions: number, pendingReviews: number }

const manual = sql`${answers.questionType} IN ('essay', 'coding')`

/**
 * The original's `manual_scoring_queue` view: submissions waiting for a reviewer, oldest first, with
 * their answer counts. The status test is literal, as in the partial index submissions_review_queue_idx.
 */
export async function listReviewQueue (db: GradingQueryable, page: Page): Promise<QueueRow[]> {
  return db.select({
    submission: submissions,
    test: testFacts,
    totalAnswers: count(answers.id),
    manualQuestions: sql<number>`count(*) FILTER (WHERE ${manual})`.mapWith(Number),
    pendingReviews: sql<number>`count(*) FILTER (WHERE ${manual} AND ${answers.manualScoreStatus} = 'pending')`.mapWith(Number)
  }).from(submissions)
    .innerJoin(testVersions, pinnedVersion)
    .innerJoin(answers, eq(answers.submissionId, submissions.id))
    .where(sql`${submissions.scoringStatus} IN ('needs_review', 'partially_reviewed')`)
    .groupBy(submissions.id, testVersions.testId, testVersions.version)
    .orderBy(asc(submissions.submittedAt), asc(submissions.id)).limit(page.limit).offset(page.offset)
}

/** Reads a submission and locks it, so reviews of its answers happen one after another. */
export async function lockSubmission (tx: GradingTx, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await tx.select().from(submissions).where(eq(submissions.id, id)).for('update').limit(1)
  return row
}

export async function findAnswerOf (db: GradingQueryable, submissionId: string, answerId: string): Promise<AnswerRow | undefined> {
  const [row] = await db.select().from(answers).where(and(eq(answers.id, answerId), eq(answers.submissionId, submissionId))).limit(1)
  return row
}

export type Review = Pick<AnswerRow, 'manualScore' | 'manualScoreStatus' | 'reviewerId' | 'reviewComments' | 'reviewedAt'>

export async function updateAnswerReview (tx: GradingTx, answerId: string, review: Review): Promise<void> {
  await tx.update(answers).set(review).where(eq(answers.id, answerId))
}

export type SubmissionTotals = Pick<SubmissionRow, 'autoScore' | 'manualScore' | 'finalScore' | 'scoringStatus' | 'reviewedBy' | 'reviewCompletedAt'>

export async function updateSubmissionTotals (tx: GradingTx, id: string, totals: SubmissionTotals): Promise<SubmissionRow> {
  const [row] = await tx.update(submissions).set(totals).where(eq(submissions.id, id)).returning()
  if (row === undefined) throw new Error(`UPDATE ... RETURNING gave no row for submission ${id}`)
  return row
}

/**
 * Sets every submission's `is_monitored` from monitored_invites (API.md rule 9), touching only the rows
 * that change. Answers how many changed.
 */
export async function recomputeMonitoring (db: GradingQueryable): Promise<number> {
  const monitored = sql`EXISTS (SELECT 1 FROM ${monitoredInvites} WHERE ${monitoredInvites.inviteId} = ${submissions.inviteId})`
  const changed = await db.update(submissions).set({ isMonitored: monitored })
    .where(sql`${submissions.isMonitored} IS DISTINCT FROM ${monitored}`).returning({ id: submissions.id })
  return changed.length
}
