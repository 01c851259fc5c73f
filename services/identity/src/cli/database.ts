import { join } from 'node:path'
import type pg from 'pg'
import { bootstrapDatabase, createPool, databaseUrlFromEnv, migrate, serviceDatabaseUrl, migrationsFolderOf, sqlFolder } from '@repo/db'

/**
 * Connects a command-line tool the way `pnpm start` connects the service: the administrator URL from
 * DATABASE_URL or DB_* (databaseUrlFromEnv), optionally creating the database, roles and schemas, then
 * identity's own role (IDENTITY_DB_PASSWORD when set) with its migrations applied.
 */
export async function openIdentityPool (env: NodeJS.ProcessEnv, options: { bootstrap: boolean }): Promise<pg.Pool> {
  const adminUrl = databaseUrlFromEnv(env)
  const password = env.IDENTITY_DB_PASSWORD === undefined || env.IDENTITY_DB_PASSWORD === '' ? undefined : env.IDENTITY_DB_PASSWORD
  if (options.bootstrap) {
    await bootstrapDatabase(adminUrl, {
      initSqlPath: join(sqlFolder(env.SQL_DIR), '00-init.sql'),
      ...(password === undefined ? {} : { passwords: { identity: password } })
    })
  }
  const pool = createPool(serviceDatabaseUrl(adminUrl, 'identity', password), { applicationName: 'identity-cli', max: 2 })
  try {
    await migrate(pool, { schema: 'identity', folder: migrationsFolderOf('identity', env.SQL_DIR) })
  } catch (error) {
    await pool.end()
    throw error
  }
  return pool
}

/** Prints the reason on one line and exits 1: for operators, not stack traces. */
export function fail (message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}
