import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceApp } from '@repo/kit'
import { createTestIssuer, startJwksServer, type JwksServer } from '../src/testing/index.js'
import { AUDIENCE, ISSUER, bearer, buildApp, sleep } from './build-app.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp (options: { jwksCacheMs?: number, jwksCooldownMs?: number } = {}) {
  const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  const server = await startJwksServer(issuer)
  cleanups.push(() => server.close())
  const app = await buildApp({ jwksUrl: server.url, ...options })
  cleanups.push(() => app.close())
  return { issuer, server, app }
}

async function statusOf (app: ServiceApp, token: string): Promise<number> {
  return (await app.inject({ url: '/me', headers: bearer(token) })).statusCode
}

/** A free loopback URL where nothing listens: identity is down. */
async function deadUrl (): Promise<string> {
  const server: JwksServer = await startJwksServer({ jwks: { keys: [] } })
  await server.close()
  return server.url
}

describe('JWKS cache', () => {
  it('fetches the JWKS once and serves later tokens from the cache', async () => {
    const { issuer, server, app } = await setUp()
    for (let i = 0; i < 5; i++) expect(await statusOf(app, issuer.sign())).toBe(200)
    expect(server.requests).toBe(1)
  })

  it('refuses unpinned algorithms before asking identity for any key', async () => {
    const { issuer, server, app } = await setUp({ jwksCooldownMs: 0 })
    for (const alg of ['none', 'HS256'] as const) expect(await statusOf(app, issuer.sign({}, { alg }))).toBe(401)
    expect(server.requests).toBe(0)
  })

  it('picks up a rotated key and keeps accepting the old kid while it is listed', async () => {
    const { issuer, server, app } = await setUp({ jwksCooldownMs: 100 })
    const oldKid = issuer.kid
    const oldToken = issuer.sign()
    expect(await statusOf(app, oldToken)).toBe(200)
    expect(server.requests).toBe(1)

    const newKid = issuer.rotate()
    expect(newKid).not.toBe(oldKid)
    // Identity lists a new key before it signs with it, for longer than the cooldown.
    await sleep(150)
    expect(await statusOf(app, issuer.sign())).toBe(200)
    expect(server.requests).toBe(2)
    expect(await statusOf(app, oldToken)).toBe(200)
    expect(await statusOf(app, issuer.sign({}, { kid: oldKid }))).toBe(200)
    expect(server.requests).toBe(2)
  })

  it('drops a key that identity no longer lists once the cache expires', async () => {
    const { issuer, server, app } = await setUp({ jwksCacheMs: 100, jwksCooldownMs: 0 })
    const oldToken = issuer.sign()
    expect(await statusOf(app, oldToken)).toBe(200)
    issuer.rotate({ keepPrevious: false })
    await sleep(150)
    expect(await statusOf(app, oldToken)).toBe(401)
    expect(await statusOf(app, issuer.sign())).toBe(200)
    expect(server.requests).toBe(2)
  })

  it('answers 503 AUTH_KEYS_UNAVAILABLE when the JWKS cannot be fetched and no key is cached', async () => {
    const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
    const app = await buildApp({ jwksUrl: await deadUrl(), jwksCooldownMs: 0 })
    cleanups.push(() => app.close())
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await app.inject({ url: '/me', headers: bearer(issuer.sign()) })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({ detail: expect.any(String), code: 'AUTH_KEYS_UNAVAILABLE' })
      expect(response.headers['retry-after']).toBe('5')
    }
    // Without a token it is still the client's 401, not the keys' 503.
    expect((await app.inject({ url: '/me' })).statusCode).toBe(401)
    await expect(app.verifyAccessToken(issuer.sign())).rejects.toMatchObject({ statusCode: 503, code: 'AUTH_KEYS_UNAVAILABLE' })
  })

  it('answers 503 too when the JWKS endpoint answers an error or not a JWKS', async () => {
    const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
    const broken = await startJwksServer({ jwks: { nope: true } as never })
    cleanups.push(() => broken.close())
    const app = await buildApp({ jwksUrl: broken.url, jwksCooldownMs: 0 })
    cleanups.push(() => app.close())
    expect(await statusOf(app, issuer.sign())).toBe(503)
    const missing = await buildApp({ jwksUrl: `${broken.url}/missing`, jwksCooldownMs: 0 })
    cleanups.push(() => missing.close())
    expect(await statusOf(missing, issuer.sign())).toBe(503)
  })

  it('keeps using cached keys while identity is down', async () => {
    const { issuer, server, app } = await setUp({ jwksCacheMs: 50, jwksCooldownMs: 0 })
    expect(await statusOf(app, issuer.sign())).toBe(200)
    await server.close()
    await sleep(100)
    // The cache is stale and the refetch fails: the known key still works, an unknown kid cannot be judged.
    expect(await statusOf(app, issuer.sign())).toBe(200)
    expect(await statusOf(app, issuer.sign({}, { kid: 'never-listed' }))).toBe(503)
  })

  it('bounds JWKS fetches under a flood of unknown kids', async () => {
    const { issuer, server, app } = await setUp()
    expect(await statusOf(app, issuer.sign())).toBe(200)
    expect(server.requests).toBe(1)
    const garbage = () => issuer.sign({ role: 'admin' }, { kid: randomBytes(12).toString('base64url') })
    const concurrent = await Promise.all(Array.from({ length: 100 }, () => statusOf(app, garbage())))
    for (let i = 0; i < 50; i++) concurrent.push(await statusOf(app, garbage()))
    expect(new Set(concurrent)).toEqual(new Set([401]))
    // All inside the 5 s cooldown of the first fetch: identity saw no more requests.
    expect(server.requests).toBe(1)
    expect(await statusOf(app, issuer.sign())).toBe(200)
  })

  it('makes one fetch for many concurrent tokens when nothing is cached yet', async () => {
    const { issuer, server, app } = await setUp({ jwksCooldownMs: 0 })
    const statuses = await Promise.all(Array.from({ length: 50 }, () => statusOf(app, issuer.sign())))
    expect(new Set(statuses)).toEqual(new Set([200]))
    expect(server.requests).toBe(1)
  })
})
