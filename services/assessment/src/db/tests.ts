import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { AssessmentQueryable, AssessmentTx } from './database.js'
import { questions, tests, testVersions } from './schema.js'

export type TestRow = typeof tests.$inferSelect
export type VersionRow = typeof testVersions.$inferSelect
export type QuestionRow = typeof questions.$inferSelect
export type QuestionType = QuestionRow['type']

/** One question as a version stores it; `order` is its index in the version. */
export type QuestionContent = {
  type: QuestionType
  question: string
  options: string[] | null
  correctAnswer: string | null
  expectedLanguage: string | null
  points: number
}

/** Everything a version holds besides its number. */
export type TestContent = {
  title: string
  description: string
  durationMinutes: number
  questions: QuestionContent[]
}

/** A test with one of its versions, questions in order. */
export type TestVersionRecord = { test: TestRow, version: VersionRow, questions: QuestionRow[] }

export async function insertTest (tx: AssessmentTx, createdBy: string): Promise<TestRow> {
  const [row] = await tx.insert(tests).values({ createdBy, currentVersion: 1 }).returning()
  if (row === undefined) throw new Error('INSERT ... RETURNING gave no row')
  return row
}

/** Writes version `version` of a test: its metadata row and its questions, each with a new id. */
export async function insertVersion (tx: AssessmentTx, test: TestRow, version: number, content: TestContent): Promise<TestVersionRecord> {
  const [versionRow] = await tx.insert(testVersions).values({
    testId: test.id,
    version,
    title: content.title,
    description: content.description,
    durationMinutes: content.durationMinutes
  }).returning()
  if (versionRow === undefined) throw new Error('INSERT ... RETURNING gave no row')
  const questionRows = await tx.insert(questions).values(content.questions.map((question, index) => ({
    testId: test.id,
    version,
    ...question,
    questionOrder: index
  }))).returning()
  questionRows.sort((a, b) => a.questionOrder - b.questionOrder)
  return { test, version: versionRow, questions: questionRows }
}

export async function findTest (db: AssessmentQueryable, id: string): Promise<TestRow | undefined> {
  const [row] = await db.select().from(tests).where(eq(tests.id, id)).limit(1)
  return row
}

/** Reads a test and locks its row for the rest of the transaction, so concurrent edits make versions one after another. */
export async function lockTest (tx: AssessmentTx, id: string): Promise<TestRow | undefined> {
  const [row] = await tx.select().from(tests).where(eq(tests.id, id)).for('update').limit(1)
  return row
}

export async function setCurrentVersion (tx: AssessmentTx, id: string, version: number): Promise<TestRow> {
  const [row] = await tx.update(tests).set({ currentVersion: version }).where(eq(tests.id, id)).returning()
  if (row === undefined) throw new Error('UPDATE ... RETURNING gave no row')
  return row
}

export async function deactivateTest (tx: AssessmentTx, id: string): Promise<void> {
  await tx.update(tests).set({ isActive: false }).where(eq(tests.id, id))
}

/** Removes the test with every version and question (ON DELETE CASCADE). */
export async function deleteTest (tx: AssessmentTx, id: string): Promise<void> {
  await tx.delete(tests).where(eq(tests.id, id))
}

/** One version of a test with its questions; undefined when the test or that version does not exist. */
export async function findVersion (db: AssessmentQueryable, test: TestRow, version: number): Promise<TestVersionRecord | undefined> {
  const [versionRow] = await db.select().from(testVersions).where(and(eq(testVersions.testId, test.id), eq(testVersions.version, version))).limit(1)
  if (versionRow === undefined) return undefined
  const questionRows = await db.select().from(questions)
    .where(and(eq(questions.testId, test.id), eq(questions.version, version)))
    .orderBy(asc(questions.questionOrder))
  return { test, version: versionRow, questions: questionRows }
}

/** The title of a test's current version, for the delete messages. */
export async function currentTitle (db: AssessmentQueryable, test: TestRow): Promise<string> {
  const [row] = await db.select({ title: testVersions.title }).from(testVersions)
    .where(and(eq(testVersions.testId, test.id), eq(testVersions.version, test.currentVersion))).limit(1)
  return row?.title ?? ''
}

export async function listVersions (db: AssessmentQueryable, testId: string): Promise<VersionRow[]> {
  return db.select().from(testVersions).where(eq(testVersions.testId, testId)).orderBy(asc(testVersions.version))
}

/** Active tests, newest first, each at its current version: three queries whatever the page size. */
export async function listActiveTests (db: AssessmentQueryable, page: { limit: number, offset: number }): Promise<TestVersionRecord[]> {
  const rows = await db.select({ test: tests, version: testVersions }).from(tests)
    .innerJoin(testVersions, and(eq(testVersions.testId, tests.id), eq(testVersions.version, tests.currentVersion)))
    .where(eq(tests.isActive, true))
    .orderBy(desc(tests.createdAt), desc(tests.id))
    .limit(page.limit).offset(page.offset)
  if (rows.length === 0) return []
  const pairs = rows.map((row) => sql`(${row.test.id}::uuid, ${row.version.version}::int)`)
  const questionRows = await db.select().from(questions)
    .where(sql`(${questions.testId}, ${questions.version}) IN (${sql.join(pairs, sql`, `)})`)
    .orderBy(asc(questions.questionOrder))
  const byTest = new Map<string, QuestionRow[]>()
  for (const question of questionRows) {
    const list = byTest.get(question.testId) ?? []
    list.push(question)
    byTest.set(question.testId, list)
  }
  return rows.map((row) => ({ test: row.test, version: row.version, questions: byTest.get(row.test.id) ?? [] }))
}
