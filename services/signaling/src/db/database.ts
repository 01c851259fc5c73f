import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database, Queryable, Transaction } from '@repo/db'
import * as schema from './schema.js'

export type Schema = typeof schema
export type SignalingDb = Database<Schema>
export type SignalingTx = Transaction<Schema>
export type SignalingQueryable = Queryable<Schema>

export function signalingDb (pool: pg.Pool): SignalingDb {
  return drizzle(pool, { schema })
}
