import { databaseUrlFromEnv } from '@repo/db'
import { discoverServices } from './discover.js'
import { StackError, displayUrl } from './errors.js'
import { migrateAll } from './migrate.js'
import { PROBE_TIMEOUT_MS } from './postgres.js'
import { probePostgres } from './postgres-probe.js'

/** `pnpm db:migrate`: database, roles, schemas and every service's migrations, then exit. */
export async function migrateCommand (root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const adminUrl = databaseUrlFromEnv(env)
  const probe = await probePostgres(adminUrl, PROBE_TIMEOUT_MS)
  if (probe.kind !== 'ok') throw new StackError(`Postgres does not answer at ${displayUrl(adminUrl)}: ${probe.reason}`)
  const services = await discoverServices(root)
  const log = (line: string): void => { process.stdout.write(`${line}\n`) }
  await migrateAll({ adminUrl, root, services, env, log })
  log(`database ready: ${displayUrl(adminUrl)}`)
}
