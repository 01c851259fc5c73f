import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type pg from 'pg'
import { quoteIdent } from './pool.js'

type Journal = { entries: { idx: number, tag: string }[] }

export type MigrateOptions = {
  /** The service's schema; the record of applied migrations lives there too. */
  schema: string
  /** A drizzle-kit output folder: `<tag>.sql` files and `meta/_journal.json`. */
  folder: string
}

/**
 * Applies drizzle-kit's SQL migrations that have not run yet, each in its own transaction.
 *
 * Our own runner rather than drizzle's migrator: drizzle's first creates its schema, which a service role
 * that may only touch its own schema is not allowed to do. An advisory lock makes it safe when several
 * replicas start at once (the others wait, then find nothing left to do), and a migration whose file
 * changed after it was applied stops the start instead of silently drifting.
 */
export async function migrate (pool: pg.Pool, options: MigrateOptions): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(options.folder, 'meta', '_journal.json'), 'utf8')) as Journal
  const table = `${quoteIdent(options.schema)}.schema_migrations`
  const client = await pool.connect()
  const applied: string[] = []
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${options.schema}`])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS ${table} (tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
      const done = new Map((await client.query<{ tag: string, hash: string }>(`SELECT tag, hash FROM ${table}`)).rows.map((row) => [row.tag, row.hash]))
      for (const { tag } of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
        const sql = await readFile(join(options.folder, `${tag}.sql`), 'utf8')
        const hash = createHash('sha256').update(sql).digest('hex')
        const known = done.get(tag)
        if (known !== undefined) {
          if (known !== hash) throw new Error(`Migration ${options.schema}/${tag} was changed after it was applied; add a new migration instead`)
          continue
        }
        await client.query('BEGIN')
        try {
          for (const statement of sql.split('--> statement-breakpoint')) {
            if (statement.trim() !== '') await client.query(statement)
          }
          await client.query(`INSERT INTO ${table} (tag, hash) VALUES ($1, $2)`, [tag, hash])
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK')
          throw new Error(`Migration ${options.schema}/${tag} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
        }
        applied.push(tag)
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${options.schema}`])
    }
  } finally {
    client.release()
  }
  return applied
}
