import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { identityDb } from '../src/db/database.js'
import { pruneWindows } from '../src/db/rate-limits.js'
import pg from 'pg'
import { createHarness, email, login, register, type Harness } from './helpers.js'

let harness: Harness
let replicaA: ServiceApp
let replicaB: ServiceApp

beforeAll(async () => {
  // Hour-long IP windows: a test run never straddles a window boundary, so counts are exact.
  harness = await createHarness({ LOGIN_RATE_LIMIT_PER_IP: '3', LOGIN_RATE_LIMIT_IP_WINDOW_SECONDS: '3600', LOGIN_RATE_LIMIT_PER_ACCOUNT: '2' })
  // Two replicas on one database: the counters live in Postgres, so the limits are shared.
  ;[replicaA, replicaB] = await Promise.all([harness.build(), harness.build()])
})
afterAll(async () => { await harness.cleanup() })

function expectLimited (response: Awaited<ReturnType<typeof login>>, maxSeconds: number): void {
  expect(response.statusCode).toBe(429)
  expect(response.json()).toEqual({ detail: 'Too many login attempts, please try again later', code: 'IDENTITY_RATE_LIMITED' })
  const retryAfter = Number(response.headers['retry-after'])
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds)
}

describe('login rate limit', () => {
  it('limits attempts per client address across replicas, with Retry-After', async () => {
    const ip = '198.51.100.7'
    for (const app of [replicaA, replicaB, replicaA]) expect((await login(app, email('nobody'), 'whatever', ip)).statusCode).toBe(401)
    expectLimited(await login(replicaB, email('nobody'), 'whatever', ip), 3600)
    // Another address is not affected.
    expect((await login(replicaA, email('nobody'), 'whatever', '198.51.100.8')).statusCode).toBe(401)
  })

  it('counts the client named in X-Forwarded-For by the gateway on loopback', async () => {
    const via = (forwardedFor: string) => replicaA.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': forwardedFor }, payload: { email: email('nobody'), password: 'whatever' }
    })
    for (let index = 0; index < 3; index++) expect((await via('203.0.113.9')).statusCode).toBe(401)
    expectLimited(await via('203.0.113.9'), 3600)
    expect((await via('203.0.113.10')).statusCode).toBe(401)
  })

  it('limits failed attempts per account (even with the right password next), from any address and replica', async () => {
    const address = email('target')
    expect((await register(replicaA, { email: address })).statusCode).toBe(200)
    expect((await login(replicaA, address, 'wrong one', '192.0.2.1')).statusCode).toBe(401)
    expect((await login(replicaB, address.toUpperCase(), 'wrong two', '192.0.2.2')).statusCode).toBe(401)
    expectLimited(await login(replicaA, address, 'correct horse battery', '192.0.2.3'), 900)
    // Successful logins of other accounts are not affected.
    const other = email('other')
    await register(replicaA, { email: other })
    expect((await login(replicaB, other, 'correct horse battery', '192.0.2.4')).statusCode).toBe(200)
  })
})

describe('rate-limit windows', () => {
  it('prunes windows older than the cut-off and keeps current ones', async () => {
    await harness.admin.query("INSERT INTO identity.rate_limit_windows (key, window_start, hits) VALUES ('login-ip:old', now() - interval '2 hours', 5)")
    const pool = new pg.Pool({ connectionString: harness.database.urlFor('identity'), max: 1 })
    try {
      expect(await pruneWindows(identityDb(pool), new Date(Date.now() - 60 * 60_000))).toBe(1)
    } finally {
      await pool.end()
    }
    const { rows } = await harness.admin.query<{ key: string }>('SELECT key FROM identity.rate_limit_windows')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.map((row) => row.key)).not.toContain('login-ip:old')
  })
})
