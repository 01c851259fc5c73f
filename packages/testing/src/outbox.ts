import type pg from 'pg'

export type OutboxRow = { subject: string, data: Record<string, unknown> }

/**
 * The events a service wrote to its outbox whose `data[key]` is `value`, oldest first: what a test
 * checks to see that a change and its event were committed together.
 */
export async function outboxWhere (admin: pg.Pool, schema: string, key: string, value: string): Promise<OutboxRow[]> {
  if (!/^[a-z_]+$/.test(schema)) throw new Error(`not a schema name: ${schema}`)
  const { rows } = await admin.query<{ subject: string, envelope: { data: Record<string, unknown> } }>(
    `SELECT subject, envelope FROM ${schema}.outbox WHERE envelope->'data'->>$1 = $2 ORDER BY seq`, [key, value])
  return rows.map((row) => ({ subject: row.subject, data: row.envelope.data }))
}
