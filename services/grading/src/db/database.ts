import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database, Queryable, Transaction } from '@repo/db'
import * as schema from './schema.js'

export type Schema = typeof schema
export type GradingDb = Database<Schema>
export type GradingTx = Transaction<Schema>
export type GradingQueryable = Queryable<Schema>

export function gradingDb (pool: pg.Pool): GradingDb {
  return drizzle(pool, { schema })
}
