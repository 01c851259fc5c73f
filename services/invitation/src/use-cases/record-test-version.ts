import type { EventData, Executor, catalog } from '@repo/events'
import { insertTestVersion } from '../db/test-versions.js'

type TestPublished = EventData<typeof catalog.assessment.TestPublishedV1>

/**
 * Keeps the applicant-facing copy of a published version. The answer keys are dropped here, before
 * anything is stored, so no applicant-facing read can leak them (D4). Idempotent.
 */
export async function recordTestVersion (tx: Executor, data: TestPublished): Promise<boolean> {
  return insertTestVersion(tx, {
    testId: data.testId,
    version: data.version,
    title: data.title,
    description: data.description,
    durationMinutes: data.durationMinutes,
    questions: [...data.questions].sort((a, b) => a.order - b.order).map((question) => ({
      id: question.id,
      type: question.type,
      question: question.question,
      options: question.options,
      expectedLanguage: question.expectedLanguage,
      points: question.points,
      order: question.order
    })),
    createdBy: data.createdBy,
    createdAt: new Date(data.createdAt),
    publishedAt: new Date(data.publishedAt)
  })
}
