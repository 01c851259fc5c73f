import type { NodePgDatabase, NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'

/** A drizzle database over node-postgres, typed by the service's tables. */
export type Database<TSchema extends Record<string, unknown> = Record<string, never>> = NodePgDatabase<TSchema>

/** The handle a use case receives inside `db.transaction(async (tx) => ...)`. */
export type Transaction<TSchema extends Record<string, unknown> = Record<string, never>> =
  PgTransaction<NodePgQueryResultHKT, TSchema, ExtractTablesWithRelations<TSchema>>

/** Either a database or a transaction: code that only runs queries can take both. */
export type Queryable<TSchema extends Record<string, unknown> = Record<string, never>> = Database<TSchema> | Transaction<TSchema>
