import bcrypt from 'bcrypt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { account, bearer, createHarness, email, login, PASSWORD, register, type Harness } from './helpers.js'

let harness: Harness
let app: ServiceApp

beforeAll(async () => {
  harness = await createHarness()
  app = await harness.build()
})
afterAll(async () => { await harness.cleanup() })

describe('POST /api/auth/register', () => {
  it('makes an applicant by default and answers the User shape', async () => {
    const address = email()
    const response = await register(app, { email: address, full_name: 'Ada Lovelace' })
    expect(response.statusCode).toBe(200)
    const user = response.json()
    expect(user).toEqual({ id: expect.any(String), email: address, full_name: 'Ada Lovelace', role: 'applicant', created_at: expect.any(String), is_active: true })
    expect(user).not.toHaveProperty('password_hash')
    const { rows } = await harness.admin.query<{ password_hash: string }>('SELECT password_hash FROM identity.users WHERE id = $1', [user.id])
    expect(rows[0]?.password_hash).toMatch(/^\$2b\$04\$/)
  })

  it('answers 400 "Email already registered" for the same e-mail in another case', async () => {
    const address = email('Case')
    expect((await register(app, { email: address })).statusCode).toBe(200)
    const again = await register(app, { email: address.toUpperCase() })
    expect(again.statusCode).toBe(400)
    expect(again.json()).toEqual({ detail: 'Email already registered', code: 'IDENTITY_EMAIL_TAKEN' })
  })

  it('answers 422 for a short password, a bad e-mail, an unknown role, a missing name and a non-object body', async () => {
    const cases: [Record<string, unknown> | string, string][] = [
      [{ email: email(), password: 'short', full_name: 'x' }, 'password'],
      [{ email: 'not-an-email', password: PASSWORD, full_name: 'x' }, 'email'],
      [{ email: email(), password: PASSWORD, full_name: 'x', role: 'superuser' }, 'role'],
      [{ email: email(), password: PASSWORD }, 'full_name']
    ]
    for (const [payload, field] of cases) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/register', payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(422)
      const body = response.json<{ code: string, errors: { loc: string[] }[] }>()
      expect(body.code).toBe('VALIDATION_FAILED')
      expect(body.errors.some((error) => error.loc.includes(field))).toBe(true)
    }
    const garbage = await app.inject({ method: 'POST', url: '/api/auth/register', headers: { 'content-type': 'application/json' }, payload: '[1,' })
    expect(garbage.statusCode).toBe(422)
  })

  it('lets exactly one of two concurrent first-admin registrations through, and 403s the next one', async () => {
    const [first, second] = await Promise.all([register(app, { email: email('a'), role: 'admin' }), register(app, { email: email('b'), role: 'admin' })])
    expect([first?.statusCode, second?.statusCode].sort()).toEqual([200, 403])
    const { rows } = await harness.admin.query<{ count: string }>("SELECT count(*) FROM identity.users WHERE role = 'admin'")
    expect(rows[0]?.count).toBe('1')
    const third = await register(app, { email: email('c'), role: 'admin' })
    expect(third.statusCode).toBe(403)
    expect(third.json()).toEqual({
      detail: 'Admin registration is not allowed. Only applicants can register when admins already exist.',
      code: 'IDENTITY_ADMIN_SIGNUP_CLOSED'
    })
  })
})

describe('POST /api/auth/login', () => {
  it('answers {access_token, token_type, user} and accepts the e-mail in any case', async () => {
    const address = email('Mixed')
    await register(app, { email: address })
    const response = await login(app, address.toLowerCase())
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', user: expect.objectContaining({ email: address, role: 'applicant' }) })
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>
    expect(claims).toMatchObject({ sub: body.user.id, email: address, role: 'applicant', iss: 'pre-interview-platform/identity', aud: 'pre-interview-platform' })
    expect(claims.exp).toBe(Number(claims.iat) + 240 * 60)
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    const header = JSON.parse(Buffer.from(String(body.access_token).split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>
    expect(header).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) })
  })

  it('answers the same 401 for an unknown e-mail and a wrong password, in about the same time', async () => {
    // A realistic cost here, so that the time of the bcrypt comparison dominates the comparison.
    const slow = await harness.build({ BCRYPT_COST: '10', LOGIN_RATE_LIMIT_PER_IP: '1000' })
    const address = email()
    await register(slow, { email: address })
    const time = async (who: string, password: string) => {
      const started = performance.now()
      const response = await login(slow, who, password)
      return { response, ms: performance.now() - started }
    }
    const unknown = await time(email('nobody'), PASSWORD)
    const wrong = await time(address, 'wrong password')
    for (const { response } of [unknown, wrong]) {
      expect(response.statusCode).toBe(401)
      expect(response.headers['www-authenticate']).toBe('Bearer')
      expect(response.json()).toEqual({ detail: 'Incorrect email or password', code: 'IDENTITY_BAD_CREDENTIALS' })
    }
    const unknownMs = [] as number[]
    const wrongMs = [] as number[]
    for (let index = 0; index < 3; index++) {
      unknownMs.push((await time(email('nobody'), PASSWORD)).ms)
      wrongMs.push((await time(address, 'wrong password')).ms)
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0
    // Cost 10 takes tens of milliseconds; an unknown e-mail that skipped bcrypt would take ~1 ms.
    expect(median(unknownMs)).toBeGreaterThan(median(wrongMs) * 0.5)
    expect(median(unknownMs)).toBeLessThan(median(wrongMs) * 2)
  })

  it('answers 403 IDENTITY_ACCOUNT_INACTIVE for a deactivated account with the right password only', async () => {
    const address = email()
    const registered = await register(app, { email: address })
    await harness.admin.query('UPDATE identity.users SET is_active = false WHERE id = $1', [registered.json<{ id: string }>().id])
    const right = await login(app, address)
    expect(right.statusCode).toBe(403)
    expect(right.json()).toEqual({ detail: 'This account is deactivated', code: 'IDENTITY_ACCOUNT_INACTIVE' })
    expect((await login(app, address, 'wrong password')).statusCode).toBe(401)
  })

  it('accepts a hash of another cost and re-hashes it with the configured one', async () => {
    const address = email('imported')
    const oldHash = await bcrypt.hash(PASSWORD, 5)
    await harness.admin.query("INSERT INTO identity.users (email, full_name, role, password_hash) VALUES ($1, 'Imported', 'applicant', $2)", [address, oldHash])
    expect((await login(app, address)).statusCode).toBe(200)
    const { rows } = await harness.admin.query<{ password_hash: string }>('SELECT password_hash FROM identity.users WHERE email = $1', [address])
    const upgraded = rows[0]?.password_hash ?? ''
    expect(upgraded).toMatch(/^\$2b\$04\$/)
    expect(await bcrypt.compare(PASSWORD, upgraded)).toBe(true)
    expect((await login(app, address)).statusCode).toBe(200)
  })

  it('answers 422 for a body without a password and for a malformed e-mail', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: email() } })).statusCode).toBe(422)
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nope', password: 'x' } })).statusCode).toBe(422)
  })
})

describe('GET /api/auth/me', () => {
  it('answers the caller', async () => {
    const user = await account(app)
    const response = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(user.token) })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ id: user.id, email: user.email, role: 'applicant', is_active: true })
  })

  it('answers 401 "Not authenticated" with WWW-Authenticate without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/auth/me' })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer')
    expect(response.json()).toMatchObject({ detail: 'Not authenticated' })
  })
})
