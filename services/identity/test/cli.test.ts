import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, login, type Harness } from './helpers.js'

const run = promisify(execFile)
const dist = join(import.meta.dirname, '..', 'dist', 'cli')
let harness: Harness

beforeAll(async () => {
  if (!existsSync(join(dist, 'create-admin.js'))) throw new Error(`${dist} is missing: build first (turbo's test task does)`)
  harness = await createHarness()
})
afterAll(async () => { await harness.cleanup() })

/** Runs a built command the way `pnpm admin:create` does, against this run's database as administrator. */
async function cli (name: string, args: string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  const env = { ...process.env, DATABASE_URL: harness.database.adminUrl, BCRYPT_COST: '4', SIGNING_KEY_ACTIVATION_SECONDS: '1' }
  try {
    const { stdout, stderr } = await run(process.execPath, [join(dist, name), ...args], { env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number, stdout: string, stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('start-up', () => {
  it('two replicas starting together on an empty schema agree on one generated key', async () => {
    await Promise.all([harness.build(), harness.build()])
    const { rows } = await harness.admin.query('SELECT kid FROM identity.signing_keys')
    expect(rows).toHaveLength(1)
  })
})

describe('create-admin command', () => {
  it('creates the superadmin, who can log in; then refuses a taken e-mail and bad input', { timeout: 30_000 }, async () => {
    const created = await cli('create-admin.js', ['--email', 'Boss@Example.com', '--password', 'boss password', '--name', 'The Boss'])
    expect(created, created.stderr).toMatchObject({ code: 0 })
    expect(created.stdout).toContain('(the superadmin)')
    const app = await harness.build()
    const loggedIn = await login(app, 'boss@example.com', 'boss password')
    expect(loggedIn.statusCode).toBe(200)
    expect(loggedIn.json()).toMatchObject({ user: { role: 'admin', email: 'Boss@Example.com', full_name: 'The Boss' } })
    // Announced like any admin, through the outbox (the running service's relay publishes it).
    const announced = await harness.admin.query<{ envelope: { data: Record<string, unknown> } }>("SELECT envelope FROM identity.outbox WHERE subject = 'identity.user.created.v1'")
    expect(announced.rows.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ email: 'boss@example.com', fullName: 'The Boss', role: 'admin' })])

    const again = await cli('create-admin.js', ['--email', 'boss@example.com', '--password', 'boss password', '--name', 'Again'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('User with this email already exists')
    const short = await cli('create-admin.js', ['--email', 'x@example.com', '--password', 'short', '--name', 'X'])
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('8 to 72')
    expect((await cli('create-admin.js', ['--email', 'x@example.com'])).stderr).toContain('usage')
  })
})

describe('ADMIN_EMAIL bootstrap', () => {
  it('creates nothing once an admin exists', async () => {
    await harness.build({ ADMIN_EMAIL: 'env.admin@example.com', ADMIN_PASSWORD: 'env admin pw' })
    const { rows } = await harness.admin.query("SELECT 1 FROM identity.users WHERE email = 'env.admin@example.com'")
    expect(rows).toHaveLength(0)
  })
})

describe('rotate-key command', () => {
  it('adds a key that is listed at once', { timeout: 30_000 }, async () => {
    const rotated = await cli('rotate-key.js', [])
    expect(rotated, rotated.stderr).toMatchObject({ code: 0 })
    const { rows } = await harness.admin.query<{ kid: string }>('SELECT kid FROM identity.signing_keys ORDER BY active_from')
    expect(rows).toHaveLength(2)
    expect(rotated.stdout).toContain(rows[1]?.kid)
    const app = await harness.build()
    const jwks = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{ keys: { kid: string }[] }>()
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual(rows.map((row) => row.kid).sort())
  })
})
