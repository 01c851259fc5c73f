import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '@repo/kit'
import { IdentityConfigSchema } from '../src/config.js'
import { keyMaterialFromPem } from '../src/tokens/key-material.js'
import { bearer, createHarness, login, type Harness } from './helpers.js'

const privatePem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
let harness: Harness

beforeAll(async () => {
  harness = await createHarness({ JWT_PRIVATE_KEY: privatePem })
})
afterAll(async () => { await harness.cleanup() })

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig(IdentityConfigSchema, { DATABASE_URL: 'postgres://identity@127.0.0.1/x' })
    expect(config).toMatchObject({
      PORT: 8001,
      TRUST_PROXY: 'loopback',
      BCRYPT_COST: 12,
      ACCESS_TOKEN_EXPIRE_MINUTES: 240,
      SIGNING_KEY_ACTIVATION_SECONDS: 10,
      LOGIN_RATE_LIMIT_PER_IP: 30,
      LOGIN_RATE_LIMIT_IP_WINDOW_SECONDS: 60,
      LOGIN_RATE_LIMIT_PER_ACCOUNT: 10,
      LOGIN_RATE_LIMIT_ACCOUNT_WINDOW_SECONDS: 900
    })
  })

  it('names a bad variable', () => {
    expect(() => loadConfig(IdentityConfigSchema, { DATABASE_URL: 'postgres://x/y', BCRYPT_COST: '3' })).toThrow(/BCRYPT_COST/)
    expect(() => loadConfig(IdentityConfigSchema, { DATABASE_URL: 'postgres://x/y', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/)
  })
})

describe('environment bootstrap and a configured key', () => {
  it('creates the superadmin from ADMIN_EMAIL/ADMIN_PASSWORD and signs with JWT_PRIVATE_KEY', async () => {
    // Two replicas with the same settings start together: still exactly one admin.
    const env = { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'root password', ADMIN_NAME: 'Root' }
    const [app] = await Promise.all([harness.build(env), harness.build(env)])
    if (app === undefined) throw new Error('no app')
    const { rows } = await harness.admin.query<{ email: string, private_key: string | null }>("SELECT email FROM identity.users WHERE role = 'admin'")
    expect(rows.map((row) => row.email)).toEqual(['root@example.com'])
    // The bootstrap announces the admin like any other (signaling keeps its admins from it), once.
    const created = await harness.admin.query<{ envelope: { data: Record<string, unknown> } }>("SELECT envelope FROM identity.outbox WHERE subject = 'identity.user.created.v1'")
    expect(created.rows.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ email: 'root@example.com', fullName: 'Root', role: 'admin' })])
    const loggedIn = await login(app, 'root@example.com', 'root password')
    expect(loggedIn.statusCode).toBe(200)
    const token = loggedIn.json<{ access_token: string }>().access_token
    const kid = (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid
    expect(kid).toBe(keyMaterialFromPem(privatePem).kid)
    const first = await app.inject({ method: 'GET', url: '/api/admin/is-first-admin', headers: bearer(token) })
    expect(first.json()).toMatchObject({ is_first_admin: true })
    // The configured private key is never stored.
    const keys = await harness.admin.query<{ kid: string, private_key: string | null }>('SELECT kid, private_key FROM identity.signing_keys')
    expect(keys.rows).toEqual([{ kid, private_key: null }])
  })
})
