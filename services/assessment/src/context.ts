import type { Outbox } from '@repo/events'
import type { AssessmentDb } from './db/database.js'

/** What the use cases need, built once in app.ts; tests build their own. */
export type AssessmentContext = {
  db: AssessmentDb
  /** The transactional outbox (app.events.publish). */
  publish: Outbox['publish']
}

/** Who asked, for the events a request causes. */
export type RequestMeta = { traceId: string }
