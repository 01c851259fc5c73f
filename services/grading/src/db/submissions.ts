import { eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { ScoredAnswer } from '../scoring/scoring.js'
import { emailHash } from './erased-applicants.js'
import { answers, deletedTests, erasedApplicants, monitoredInvites, pendingSubmissions, submissions, testVersions, type KeyedQuestion } from './schema.js'

export type StoredSubmission = typeof submissions.$inferSelect
export type NewSubmission = typeof submissions.$inferInsert

/** The submission with this id, or else the one of this invite (an invite has one submission at most). */
export async function findSubmission (db: Executor, submissionId: string, inviteId: string): Promise<StoredSubmission | undefined> {
  const rows = await db.select().from(submissions).where(or(eq(submissions.id, submissionId), eq(submissions.inviteId, inviteId))).limit(2)
  return rows.find((row) => row.id === submissionId) ?? rows[0]
}

/** What grading a submitted test depends on, read in one round trip (a burst grades many per second). */
export type SubmissionFacts = {
  /** The submission of that id, or else of that invite, when one is stored already. */
  existingId: string | null
  /** The test was force-deleted (its tombstone is here). */
  testDeleted: boolean
  /** The applicant's address was erased after this submission was made (D17). */
  applicantErased: boolean
  /** Signaling reported the invite as monitored (API.md rule 9). */
  monitored: boolean
  /** The pinned version's questions with their keys; null while that version is unknown here. */
  questions: KeyedQuestion[] | null
}

export async function submissionFacts (db: Executor, data: { submissionId: string, inviteId: string, testId: string, testVersion: number, applicantEmail: string, submittedAt: string }): Promise<SubmissionFacts> {
  const result = await db.execute<{ existing_id: string | null, test_deleted: boolean, applicant_erased: boolean, monitored: boolean, questions: KeyedQuestion[] | null }>(sql`
    SELECT
      (SELECT id FROM ${submissions} WHERE id = ${data.submissionId} OR invite_id = ${data.inviteId}
        ORDER BY (id = ${data.submissionId}) DESC LIMIT 1) AS existing_id,
      EXISTS (SELECT 1 FROM ${deletedTests} WHERE test_id = ${data.testId}) AS test_deleted,
      EXISTS (SELECT 1 FROM ${erasedApplicants} WHERE email_hash = ${emailHash(data.applicantEmail)}
        AND erased_at >= ${data.submittedAt}::timestamptz) AS applicant_erased,
      EXISTS (SELECT 1 FROM ${monitoredInvites} WHERE invite_id = ${data.inviteId}) AS monitored,
      (SELECT questions FROM ${testVersions} WHERE test_id = ${data.testId} AND version = ${data.testVersion}) AS questions`)
  const row = result.rows[0]
  if (row === undefined) throw new Error('the facts query answered no row')
  return { existingId: row.existing_id, testDeleted: row.test_deleted, applicantErased: row.applicant_erased, monitored: row.monitored, questions: row.questions }
}

export async function findSubmissionById (db: Executor, id: string): Promise<StoredSubmission | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1)
  return row
}

/**
 * When a stored submission's current totals were set: its first grading, or the latest review after it
 * (what a republished `grading.submission.graded.v1` reports as `gradedAt`).
 */
export async function currentGradeTime (db: Executor, submission: StoredSubmission): Promise<Date> {
  const [row] = await db.select({ latest: sql<string | null>`max(${answers.reviewedAt})` }).from(answers).where(eq(answers.submissionId, submission.id))
  const reviewed = row?.latest == null ? undefined : new Date(row.latest)
  return reviewed !== undefined && reviewed > submission.gradedAt ? reviewed : submission.gradedAt
}

/**
 * Stores a graded submission and its answer rows. Answers undefined, storing nothing, when a submission
 * of that id or invite is there already: a concurrent copy (another replica, another batch) committed
 * first; ON CONFLICT waits for it instead of failing the batch. Two replicas' batches that hold copies
 * of two submissions in opposite order can deadlock on that wait: Postgres breaks it after
 * `deadlock_timeout` (1 s) and the consumer redoes the failed batch one event per transaction, so it
 * costs a second, never a duplicate or a lost submission (the burst test shows it).
 */
export async function insertSubmission (db: Executor, row: NewSubmission, rows: ScoredAnswer[]): Promise<StoredSubmission | undefined> {
  const [stored] = await db.insert(submissions).values(row).onConflictDoNothing().returning()
  if (stored === undefined) return undefined
  if (rows.length > 0) {
    await db.insert(answers).values(rows.map((answer) => ({
      submissionId: stored.id,
      questionId: answer.questionId,
      questionOrder: answer.questionOrder,
      questionType: answer.questionType,
      points: answer.points,
      answer: answer.answer,
      isCorrect: answer.isCorrect,
      manualScore: answer.manualScore,
      manualScoreStatus: answer.manualScoreStatus,
      reviewComments: answer.reviewComments
    })))
  }
  return stored
}

/**
 * Records that an invite was monitored (the first report's time is kept) and marks its submission, if
 * it is here already; one that arrives later reads monitored_invites when it is stored. Answers whether
 * a submission was marked.
 */
export async function recordMonitored (db: Executor, inviteId: string, monitoredAt: Date): Promise<boolean> {
  await db.insert(monitoredInvites).values({ inviteId, monitoredAt }).onConflictDoNothing()
  const marked = await db.update(submissions).set({ isMonitored: true }).where(eq(submissions.inviteId, inviteId)).returning({ id: submissions.id })
  return marked.length > 0
}

export type Erased = { submissions: number, pending: number }

/**
 * Erases submissions (their answers cascade) and pending submissions matching the conditions, and the
 * monitoring records of their invites, which mean nothing without them.
 */
async function eraseWhere (db: Executor, submissionsWhere: SQL, pendingWhere: SQL): Promise<Erased> {
  const gone = await db.delete(submissions).where(submissionsWhere).returning({ inviteId: submissions.inviteId })
  const gonePending = await db.delete(pendingSubmissions).where(pendingWhere)
    .returning({ inviteId: sql<string | null>`${pendingSubmissions.payload}->>'inviteId'` })
  const invites = [...gone.map((row) => row.inviteId), ...gonePending.flatMap((row) => row.inviteId === null ? [] : [row.inviteId])]
  if (invites.length > 0) await db.delete(monitoredInvites).where(inArray(monitoredInvites.inviteId, invites))
  return { submissions: gone.length, pending: gonePending.length }
}

/** A force-deleted test's submissions and pending submissions. */
export async function eraseTestSubmissions (db: Executor, testId: string): Promise<Erased> {
  return await eraseWhere(db, eq(submissions.testId, testId), eq(pendingSubmissions.testId, testId))
}

/** A deleted user's submissions and pending submissions, by e-mail compared case-insensitively (D17). */
export async function eraseApplicantSubmissions (db: Executor, email: string): Promise<Erased> {
  const lower = email.toLowerCase()
  return await eraseWhere(db,
    sql`lower(${submissions.applicantEmail}) = ${lower}`,
    sql`lower(${pendingSubmissions.payload}->>'applicantEmail') = ${lower}`)
}
