import { ValidationFailed } from '@repo/kit'
import type { GradingContext } from '../context.js'
import { listResults as selectResults, type ResultFilter, type SubmissionWithTest } from '../db/results.js'

export type ResultFilterQuery = { start_date?: string, end_date?: string, test_id?: string }
export type ResultListQuery = ResultFilterQuery & { page: number, limit: number }

export type Pagination = { page: number, limit: number, total: number, total_pages: number, has_next: boolean, has_prev: boolean }

const DAY_MS = 86_400_000

/** The start (UTC) of a YYYY-MM-DD day; the schema checks the form, this the calendar (2024-02-30 is 422). */
function startOfDay (value: string, field: string): Date {
  const date = new Date(`${value}T00:00:00.000Z`)
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) {
    throw new ValidationFailed([{ loc: ['query', field], msg: 'Expected a date as YYYY-MM-DD', type: 'date_from_datetime_parsing' }])
  }
  return date
}

/**
 * The original's /results filters: submitted on or after the start of `start_date`, up to the end of
 * `end_date` (both UTC days), of one test. Empty values mean "no filter".
 */
export function toResultFilter (query: ResultFilterQuery): ResultFilter {
  const filter: ResultFilter = {}
  if (query.start_date !== undefined && query.start_date !== '') filter.from = startOfDay(query.start_date, 'start_date')
  if (query.end_date !== undefined && query.end_date !== '') filter.until = new Date(startOfDay(query.end_date, 'end_date').getTime() + DAY_MS)
  if (query.test_id !== undefined && query.test_id !== '') filter.testId = query.test_id.toLowerCase()
  return filter
}

/** The envelope's numbers (API.md 2.5): a page past the end is empty, not an error. */
export function pagination (page: number, limit: number, total: number): Pagination {
  return { page, limit, total, total_pages: Math.ceil(total / limit), has_next: page * limit < total, has_prev: page > 1 }
}

/** GET /results: every admin's submissions, newest first, one page of them. */
export async function listResults (ctx: GradingContext, query: ResultListQuery): Promise<{ rows: SubmissionWithTest[], pagination: Pagination }> {
  const { rows, total } = await selectResults(ctx.db, toResultFilter(query), { limit: query.limit, offset: (query.page - 1) * query.limit })
  return { rows, pagination: pagination(query.page, query.limit, total) }
}
