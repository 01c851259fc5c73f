import { Readable, pipeline } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { GradingContext } from '../context.js'
import { exportBatch, type ExportCursor } from '../db/results.js'
import { CSV_COLUMNS, csvRow } from '../views.js'
import { toResultFilter, type ResultFilterQuery } from './list-results.js'

/** Rows read per query while streaming the export. */
export const EXPORT_BATCH_SIZE = 500

/**
 * GET /results/export.csv: every submission that passes the /results filters, newest first, one CSV row
 * each, under a header row. The rows are read in keyset-paged batches and streamed, so an export of any
 * size needs bounded memory. csv-stringify quotes cells holding commas, quotes or line breaks (RFC 4180),
 * and `escape_formulas` puts a `'` before a cell starting with = + - @ (or a tab or carriage return), so
 * a spreadsheet never runs an applicant's name as a formula (CSV injection).
 *
 * The first batch is read before anything is sent, so a bad filter or an unreachable database still gets
 * an ordinary error answer; a failure later can only cut the stream short (logged; a client that hangs up does that too).
 */
export async function exportResults (ctx: GradingContext, query: ResultFilterQuery, batchSize = EXPORT_BATCH_SIZE): Promise<Readable> {
  const filter = toResultFilter(query)
  const first = await exportBatch(ctx.db, filter, undefined, batchSize)

  async function * rows (): AsyncGenerator<ReturnType<typeof csvRow>> {
    let batch = first
    for (;;) {
      for (const row of batch) yield csvRow(row)
      const last = batch.at(-1)
      if (batch.length < batchSize || last === undefined) return
      const after: ExportCursor = { submittedAt: last.cursor, id: last.submission.id }
      batch = await exportBatch(ctx.db, filter, after, batchSize)
    }
  }

  const csv = stringify({
    header: true,
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
    cast: { boolean: (value) => value ? 'true' : 'false' }
  })
  pipeline(Readable.from(rows()), csv, (error) => {
    if (error !== null && error !== undefined) ctx.log.warn({ err: error }, 'the results export stopped early')
  })
  return csv
}
