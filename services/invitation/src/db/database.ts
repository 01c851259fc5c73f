import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database, Queryable, Transaction } from '@repo/db'
import * as schema from './schema.js'

export type Schema = typeof schema
export type InvitationDb = Database<Schema>
export type InvitationTx = Transaction<Schema>
export type InvitationQueryable = Queryable<Schema>

export function invitationDb (pool: pg.Pool): InvitationDb {
  return drizzle(pool, { schema })
}
