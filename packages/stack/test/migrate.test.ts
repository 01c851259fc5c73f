import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { findWorkspaceRoot } from '@repo/db'
import { testServerUrl, uniqueName } from '@repo/testing'
import { discoverServices } from '../src/discover.js'
import { migrateAll } from '../src/migrate.js'

// A database that does not exist yet, so the test also sees migrate create it. The `t_` prefix and
// the time in the name let createTestDatabase's stale clean-up drop it if this run is killed.
const name = uniqueName('t_')
const adminUrl = new URL(testServerUrl())
adminUrl.pathname = `/${name}`

async function withClient<T> (url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A repository with the real `sql/00-init.sql`, an identity service and one migration for it. */
async function exampleRoot (): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'stack-migrate-'))
  const realRoot = findWorkspaceRoot(import.meta.dirname)
  await mkdir(join(root, 'sql', 'identity', 'meta'), { recursive: true })
  await cp(join(realRoot, 'sql', '00-init.sql'), join(root, 'sql', '00-init.sql'))
  await writeFile(join(root, 'sql', 'identity', 'meta', '_journal.json'), JSON.stringify({ entries: [{ idx: 0, tag: '0000_users' }] }))
  await writeFile(join(root, 'sql', 'identity', '0000_users.sql'), 'CREATE TABLE "identity"."users" ("id" serial PRIMARY KEY, "email" text NOT NULL);')
  for (const [service, platform] of [['identity', { port: 8001, schema: 'identity' }], ['grading', { port: 8004, schema: 'grading' }], ['gateway', { port: 8000 }]] as const) {
    await mkdir(join(root, 'services', service), { recursive: true })
    await writeFile(join(root, 'services', service, 'package.json'), JSON.stringify({ name: `@service/${service}`, platform }))
  }
  return root
}

afterAll(async () => {
  const maintenance = new URL(testServerUrl())
  maintenance.pathname = '/postgres'
  await withClient(maintenance.toString(), async (client) => { await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) })
})

describe('migrateAll', () => {
  it('creates the database, every role and schema, and applies the services\' migrations once', async () => {
    const root = await exampleRoot()
    const services = await discoverServices(root)
    const lines: string[] = []
    await migrateAll({ adminUrl: adminUrl.toString(), root, services, env: {}, log: (line) => lines.push(line) })
    expect(lines).toEqual(['identity: applied 0000_users'])

    const schemas = await withClient(adminUrl.toString(), async (client) => (await client.query<{ nspname: string, owner: string }>(
      "SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname IN ('identity', 'assessment', 'invitation', 'grading', 'signaling') ORDER BY nspname"
    )).rows)
    expect(schemas).toEqual(['assessment', 'grading', 'identity', 'invitation', 'signaling'].map((schema) => ({ nspname: schema, owner: schema })))

    const identityUrl = new URL(adminUrl)
    identityUrl.username = 'identity'
    await withClient(identityUrl.toString(), async (client) => {
      await client.query("INSERT INTO identity.users (email) VALUES ('a@b.co')")
      expect((await client.query('SELECT tag FROM identity.schema_migrations')).rows).toEqual([{ tag: '0000_users' }])
    })

    lines.length = 0
    await migrateAll({ adminUrl: adminUrl.toString(), root, services, env: {}, log: (line) => lines.push(line) })
    expect(lines).toEqual(['identity: migrations up to date'])
  })
})
