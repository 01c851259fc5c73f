import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database, Queryable, Transaction } from '@repo/db'
import * as schema from './schema.js'

export type Schema = typeof schema
export type IdentityDb = Database<Schema>
export type IdentityTx = Transaction<Schema>
export type IdentityQueryable = Queryable<Schema>

export function identityDb (pool: pg.Pool): IdentityDb {
  return drizzle(pool, { schema })
}

/**
 * Serializes work on one concern across replicas for the rest of the transaction (e.g. "is there an
 * admin yet?" followed by an insert): a check-then-act that a unique index cannot express.
 */
export async function lockFor (tx: IdentityQueryable, name: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`identity:${name}`}))`)
}
