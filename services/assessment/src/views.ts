import type { EventData, catalog } from '@repo/events'
import type { QuestionRow, TestVersionRecord, VersionRow } from './db/tests.js'

function questionView (question: QuestionRow) {
  return {
    id: question.id,
    type: question.type,
    question: question.question,
    options: question.options ?? null,
    correct_answer: question.correctAnswer,
    expected_language: question.expectedLanguage,
    points: question.points
  }
}

/**
 * The original's Test shape (API.md section 2) for one version, answers included (admins only), plus
 * `version`. `created_by` stays the creator's id even after identity deletes that admin: a test is not
 * personal data, and clients only display it.
 */
export function testView (record: TestVersionRecord) {
  return {
    id: record.test.id,
    title: record.version.title,
    description: record.version.description,
    questions: record.questions.map(questionView),
    duration_minutes: record.version.durationMinutes,
    created_by: record.test.createdBy,
    created_at: record.test.createdAt.toISOString(),
    is_active: record.test.isActive,
    version: record.version.version
  }
}

export function versionSummaryView (version: VersionRow) {
  return { version: version.version, created_at: version.createdAt.toISOString(), title: version.title }
}

export type PublishedTest = EventData<typeof catalog.assessment.TestPublishedV1>

/**
 * A version as `assessment.test.published.v1` carries it. The internal read answers the same shape,
 * so a service whose copy of the event has not arrived can store the answer as if it were the event.
 */
export function publishedTest (record: TestVersionRecord): PublishedTest {
  return {
    testId: record.test.id,
    version: record.version.version,
    title: record.version.title,
    description: record.version.description,
    durationMinutes: record.version.durationMinutes,
    createdBy: record.test.createdBy,
    createdAt: record.test.createdAt.toISOString(),
    publishedAt: record.version.createdAt.toISOString(),
    questions: record.questions.map((question) => ({
      id: question.id,
      type: question.type,
      question: question.question,
      options: question.options ?? null,
      correctAnswer: question.correctAnswer,
      expectedLanguage: question.expectedLanguage,
      points: question.points,
      order: question.questionOrder
    }))
  }
}
