import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database, Queryable, Transaction } from '@repo/db'
import * as schema from './schema.js'

export type Schema = typeof schema
export type AssessmentDb = Database<Schema>
export type AssessmentTx = Transaction<Schema>
export type AssessmentQueryable = Queryable<Schema>

export function assessmentDb (pool: pg.Pool): AssessmentDb {
  return drizzle(pool, { schema })
}
