import { createSigner } from 'fast-jwt'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer } from '@repo/auth/testing'
import type { ServiceApp } from '@repo/kit'
import { identityDb } from '../src/db/database.js'
import { rotateSigningKey } from '../src/use-cases/rotate-signing-key.js'
import { account, bearer, createHarness, login, sleep, type Account, type Harness } from './helpers.js'

const ISSUER = 'pre-interview-platform/identity'
const AUDIENCE = 'pre-interview-platform'

let harness: Harness
let app: ServiceApp
let superadmin: Account

beforeAll(async () => {
  harness = await createHarness()
  app = await harness.build()
  superadmin = await account(app, 'admin')
})
afterAll(async () => { await harness.cleanup() })

const me = (token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })
const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string, alg: string }

async function expectRefused (token: string): Promise<void> {
  const response = await me(token)
  expect(response.statusCode).toBe(401)
  expect(response.headers['www-authenticate']).toBe('Bearer')
  expect(response.json()).toMatchObject({ detail: 'Could not validate credentials' })
}

describe('access tokens identity refuses', () => {
  it('refuses a tampered token', async () => {
    const user = await account(app)
    const [head, payload, signature] = user.token.split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')
    await expectRefused(`${head}.${forged}.${signature}`)
    // One flipped bit in the signature (editing base64 text could hit bits the decoder ignores).
    const bytes = Buffer.from(signature ?? '', 'base64url')
    bytes[0] = (bytes[0] ?? 0) ^ 1
    await expectRefused(`${head}.${payload}.${bytes.toString('base64url')}`)
  })

  it('refuses a token signed with another key, an alg:none token and an HS256 key-confusion token', async () => {
    const user = await account(app)
    const other = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
    await expectRefused(other.sign({ sub: user.id, email: user.email }))
    // The same kid as identity's key, but another key's signature.
    await expectRefused(other.sign({ sub: user.id, email: user.email }, { kid: header(user.token).kid }))
    await expectRefused(other.sign({ sub: user.id, email: user.email }, { alg: 'none', kid: header(user.token).kid }))
    await expectRefused(other.sign({ sub: user.id, email: user.email }, { alg: 'HS256', kid: header(user.token).kid }))
  })

  it('refuses an expired token signed with identity\'s own key', async () => {
    const user = await account(app)
    const { rows } = await harness.admin.query<{ kid: string, private_key: string }>('SELECT kid, private_key FROM identity.signing_keys WHERE private_key IS NOT NULL')
    const key = rows[0]
    if (key === undefined) throw new Error('no stored key')
    const now = Math.floor(Date.now() / 1000)
    const sign = createSigner({ algorithm: 'EdDSA', key: key.private_key, kid: key.kid })
    const claims = { sub: user.id, email: user.email, role: 'applicant', iss: ISSUER, aud: AUDIENCE, jti: crypto.randomUUID() }
    // Control: the same recipe with a future exp is accepted, so the refusal below is about exp.
    expect((await me(sign({ ...claims, iat: now - 10, exp: now + 60 }))).statusCode).toBe(200)
    await expectRefused(sign({ ...claims, iat: now - 3600, exp: now - 60 }))
    await expectRefused(sign({ ...claims, iat: now - 10, exp: now + 60, aud: 'someone-else' }))
  })

  it('refuses earlier tokens after deactivation (also once reactivated), and lets a fresh login in', async () => {
    const user = await account(app)
    expect((await me(user.token)).statusCode).toBe(200)
    const deactivate = await app.inject({ method: 'PUT', url: `/api/admin/applicants/${user.id}/status`, headers: bearer(superadmin.token), payload: { status: 'inactive' } })
    expect(deactivate.statusCode).toBe(200)
    await expectRefused(user.token)
    expect((await login(app, user.email)).statusCode).toBe(403)
    await app.inject({ method: 'PUT', url: `/api/admin/applicants/${user.id}/status`, headers: bearer(superadmin.token), payload: { status: 'active' } })
    await expectRefused(user.token)
    const again = await login(app, user.email)
    expect(again.statusCode).toBe(200)
    expect((await me(again.json<{ access_token: string }>().access_token)).statusCode).toBe(200)
  })

  it('refuses earlier tokens after a password change, and accepts a login right after it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/create-admin',
      headers: bearer(superadmin.token),
      payload: { email: 'second.admin@example.com', password: 'first password', full_name: 'Second' }
    })
    expect(created.statusCode).toBe(200)
    const before = (await login(app, 'second.admin@example.com', 'first password')).json<{ access_token: string, user: { id: string } }>()
    const changed = await app.inject({
      method: 'PUT', url: `/api/admin/change-password/${before.user.id}`, headers: bearer(superadmin.token), payload: { new_password: 'second password' }
    })
    expect(changed.statusCode).toBe(200)
    await expectRefused(before.access_token)
    expect((await login(app, 'second.admin@example.com', 'first password')).statusCode).toBe(401)
    const after = await login(app, 'second.admin@example.com', 'second password')
    expect(after.statusCode).toBe(200)
    // Issued in the same second as the revocation: iat is lifted to tokens_valid_from, so it works.
    expect((await me(after.json<{ access_token: string }>().access_token)).statusCode).toBe(200)
  })

  it('refuses the token of a deleted user', async () => {
    const user = await account(app)
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/applicants/${user.id}`, headers: bearer(superadmin.token) })).statusCode).toBe(200)
    await expectRefused(user.token)
  })
})

describe('JWKS and key rotation', () => {
  it('serves the public key (no private part) at both paths', async () => {
    const user = await account(app)
    for (const url of ['/.well-known/jwks.json', '/api/auth/jwks']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(200)
      const { keys } = response.json<{ keys: Record<string, unknown>[] }>()
      expect(keys).toContainEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: header(user.token).kid, use: 'sig', alg: 'EdDSA' })
      for (const key of keys) expect(key).not.toHaveProperty('d')
    }
  })

  it('lists a rotated-in key before it signs, then signs with it, and keeps the old key until its tokens expired', async () => {
    const oldToken = (await account(app)).token
    const oldKid = header(oldToken).kid
    const pool = new pg.Pool({ connectionString: harness.database.urlFor('identity'), max: 1 })
    try {
      const rotated = await rotateSigningKey(identityDb(pool), { activationSeconds: 2, tokenLifetimeSeconds: 240 * 60 })
      const listed = async () => (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{ keys: { kid: string }[] }>().keys.map((key) => key.kid)
      expect(await listed()).toEqual(expect.arrayContaining([oldKid, rotated.kid]))
      const meanwhile = await account(app)
      expect(header(meanwhile.token).kid).toBe(oldKid)

      await sleep(rotated.activeFrom.getTime() - Date.now() + 100)
      const fresh = await account(app)
      expect(header(fresh.token).kid).toBe(rotated.kid)
      expect((await me(fresh.token)).statusCode).toBe(200)
      expect((await me(oldToken)).statusCode).toBe(200)
      expect(await listed()).toEqual(expect.arrayContaining([oldKid, rotated.kid]))

      // Pretend the rotation was longer ago than a token lives: the old key is no longer listed.
      await harness.admin.query("UPDATE identity.signing_keys SET active_from = active_from - interval '5 hours'")
      expect(await listed()).toEqual([rotated.kid])
    } finally {
      await pool.end()
    }
  })
})
