import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { findWorkspaceRoot } from './bootstrap.js'

/**
 * The folder holding `00-init.sql` and every service's migrations (`<schema>/`): `sqlDir` when given
 * (SQL_DIR: a deployed build has no repository around it, so the build ships `sql/` beside the
 * services), else `sql/` at the workspace root, as in a checkout.
 */
export function sqlFolder (sqlDir?: string): string {
  if (sqlDir !== undefined && sqlDir !== '') return sqlDir
  let root: string | undefined
  try {
    root = findWorkspaceRoot(import.meta.dirname)
  } catch {
    // Outside a workspace (a deployed build): only SQL_DIR can say where the SQL is.
  }
  const folder = root === undefined ? undefined : join(root, 'sql')
  if (folder === undefined || !existsSync(folder)) {
    throw new Error(`No sql/ folder${folder === undefined ? '' : ` at ${folder}`}; set SQL_DIR to the folder holding 00-init.sql and the services' migrations`)
  }
  return folder
}

/** Where drizzle-kit writes a service's migrations: `<sql folder>/<name>` (see sqlFolder). */
export function migrationsFolderOf (name: string, sqlDir?: string): string {
  return join(sqlFolder(sqlDir), name)
}
