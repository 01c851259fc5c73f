import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { SERVICE_SCHEMAS, bootstrapDatabase, createPool, migrate, serviceDatabaseUrl } from '@repo/db'
import { envName, type ServiceInfo } from './discover.js'

/** Role passwords from `<SERVICE>_DB_PASSWORD`; a role without one logs in only where pg_hba trusts it. */
export function rolePasswords (schemas: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const passwords: Record<string, string> = {}
  for (const schema of schemas) {
    const password = env[`${envName(schema)}_DB_PASSWORD`]
    if (password !== undefined && password !== '') passwords[schema] = password
  }
  return passwords
}

export type MigrateAllOptions = {
  adminUrl: string
  root: string
  services: readonly ServiceInfo[]
  env: NodeJS.ProcessEnv
  log: (line: string) => void
  /** The folder of `00-init.sql` and the migrations; default `<root>/sql`. */
  sqlDir?: string
}

/**
 * Creates the database, every service's role and schema (`sql/00-init.sql`), then applies each
 * discovered service's migrations from `sql/<schema>/` as that service's own role, so a migration
 * can only touch its own schema. Safe to run again and while replicas start (see @repo/db migrate).
 */
export async function migrateAll (options: MigrateAllOptions): Promise<void> {
  const owned = options.services.flatMap((service) => service.schema === undefined ? [] : [service.schema])
  const known: readonly string[] = SERVICE_SCHEMAS
  const passwords = rolePasswords([...new Set([...known, ...owned])], options.env)
  const sqlDir = options.sqlDir ?? join(options.root, 'sql')
  await bootstrapDatabase(options.adminUrl, {
    initSqlPath: join(sqlDir, '00-init.sql'),
    passwords,
    extraServices: owned.filter((schema) => !known.includes(schema))
  })
  for (const schema of owned) {
    const folder = join(sqlDir, schema)
    if (!existsSync(join(folder, 'meta', '_journal.json'))) continue
    const pool = createPool(serviceDatabaseUrl(options.adminUrl, schema, passwords[schema]), { applicationName: `migrate-${schema}`, max: 1 })
    try {
      const applied = await migrate(pool, { schema, folder })
      options.log(applied.length === 0 ? `${schema}: migrations up to date` : `${schema}: applied ${applied.join(', ')}`)
    } finally {
      await pool.end()
    }
  }
}
