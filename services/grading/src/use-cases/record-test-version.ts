import type { EventData, Executor, catalog } from '@repo/events'
import { insertTestVersion, type VersionOutcome } from '../db/test-versions.js'

export type TestPublished = EventData<typeof catalog.assessment.TestPublishedV1>

/**
 * Keeps grading's copy of a published version, answer keys included, from the event or from
 * assessment's internal read (the same payload). Idempotent; refused after the test's delete.
 */
export async function recordTestVersion (tx: Executor, data: TestPublished): Promise<VersionOutcome> {
  return await insertTestVersion(tx, {
    testId: data.testId,
    version: data.version,
    title: data.title,
    description: data.description,
    durationMinutes: data.durationMinutes,
    questions: [...data.questions].sort((a, b) => a.order - b.order),
    createdAt: new Date(data.createdAt),
    publishedAt: new Date(data.publishedAt)
  })
}
