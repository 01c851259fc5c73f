import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type pg from 'pg'
import type {} from '@repo/kit' // brings the readinessChecks decorator's type
import { migrate } from './migrate.js'
import { createPool } from './pool.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's pool, connected as its own role. */
    pg: pg.Pool
  }
}

export type DatabasePluginOptions = {
  /** The service's own URL (its role; see serviceDatabaseUrl). */
  url: string
  /** The service's schema. */
  schema: string
  /** Apply these migrations before the service starts serving. */
  migrationsFolder?: string
  poolMax?: number
}

/**
 * Gives the app `app.pg`, applies pending migrations on start, reports the database in `/ready`,
 * and ends the pool when the app closes (after in-flight requests and event handlers).
 */
export const databasePlugin = fp(async (app: FastifyInstance, options: DatabasePluginOptions) => {
  const pool = createPool(options.url, {
    applicationName: options.schema,
    ...(options.poolMax === undefined ? {} : { max: options.poolMax }),
    onConnectionError: (error) => app.log.warn({ err: error }, 'database connection failed')
  })
  if (options.migrationsFolder !== undefined) {
    const applied = await migrate(pool, { schema: options.schema, folder: options.migrationsFolder })
    if (applied.length > 0) app.log.info({ applied }, 'migrations applied')
  }
  app.decorate('pg', pool)
  app.readinessChecks.set('database', async () => { await pool.query('SELECT 1') })
  app.addHook('onClose', async () => { await pool.end() })
}, { name: '@repo/db', dependencies: [] })
