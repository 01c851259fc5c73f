import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestIssuer, startJwksServer, type JwksServer } from '@repo/auth/testing'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { bearer, startHttpStub, type HttpStub } from '@repo/testing'
import { buildGateway, type BuildGatewayOptions } from '../src/app.js'
import { GatewayConfigSchema } from '../src/config.js'
import { upstreamsFrom } from '../src/upstreams.js'

const ISSUER = 'test/identity'
const AUDIENCE = 'test-platform'
const FRONTEND = 'http://localhost:3000'

type Seen = { method: string, url: string, authorization: string | undefined }

const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
let jwks: JwksServer
let upstream: HttpStub<Seen>
const gateways: ServiceApp[] = []

/** A gateway over the real route table, every service played by one stub that answers 200. */
async function gateway (options: Partial<BuildGatewayOptions> = {}): Promise<ServiceApp> {
  const url = upstream.url
  const config = loadConfig(GatewayConfigSchema, { IDENTITY_URL: url, ASSESSMENT_URL: url, INVITATION_URL: url, GRADING_URL: url, SIGNALING_URL: url })
  const app = buildGateway({
    upstreams: upstreamsFrom(config),
    logLevel: 'silent',
    earlyAuth: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE },
    ...options
  })
  gateways.push(app)
  await app.ready()
  return app
}

beforeAll(async () => {
  jwks = await startJwksServer(issuer)
  upstream = await startHttpStub<Seen>({
    record: (request) => ({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization }),
    notFound: { detail: 'Not Found', code: 'NOT_FOUND' }
  })
})

beforeEach(() => {
  // A service that sets CORS headers of its own: the gateway's must win and go out once.
  upstream.handle((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', vary: 'Accept-Encoding' }).end('{"ok":true}')
  })
})

afterAll(async () => {
  await Promise.all(gateways.map(async (app) => { await app.close() }))
  await upstream.close()
  await jwks.close()
})

/** How many requests reached the stub while `action` ran. */
async function forwarded (action: () => Promise<unknown>): Promise<number> {
  const before = upstream.requests.length
  await action()
  return upstream.requests.length - before
}

describe('CORS', () => {
  let app: ServiceApp
  beforeAll(async () => { app = await gateway({ corsOrigins: `${FRONTEND}, https://app.example.com/` }) })

  const preflight = async (origin: string, url = '/api/tests') => await app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization,content-type' }
  })

  it('answers a preflight for Authorization from an allowed origin at the gateway', async () => {
    let response!: Awaited<ReturnType<typeof preflight>>
    expect(await forwarded(async () => { response = await preflight(FRONTEND) })).toBe(0)
    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe(FRONTEND)
    expect(response.headers['access-control-allow-credentials']).toBe('true')
    expect(response.headers['access-control-allow-headers']).toBe('authorization,content-type')
    expect(String(response.headers['access-control-allow-methods'])).toContain('DELETE')
    // Public and token routes alike: a preflight never needs a token nor counts against a strict limit.
    expect((await preflight('https://app.example.com', '/api/take-test/some-token')).headers['access-control-allow-origin']).toBe('https://app.example.com')
  })

  it('puts its CORS headers once on a proxied answer, replacing the service\'s own', async () => {
    const response = await app.inject({ url: '/api/take-test/some-token', headers: { origin: FRONTEND } })
    expect(response.statusCode).toBe(200)
    expect(response.headers['access-control-allow-origin']).toBe(FRONTEND)
    expect(response.headers['access-control-allow-credentials']).toBe('true')
    expect(String(response.headers['access-control-expose-headers'])).toContain('retry-after')
    expect(response.headers.vary).toMatch(/Origin/)
    expect(response.rawPayload.toString()).toBe('{"ok":true}')
  })

  it('gives a refused origin no CORS headers, on preflights and answers', async () => {
    const refused = await preflight('http://evil.example')
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    const answer = await app.inject({ url: '/api/take-test/some-token', headers: { origin: 'http://evil.example' } })
    expect(answer.statusCode).toBe(200)
    // The service's own `*` is dropped too; without Allow-Origin the browser refuses the answer.
    expect(answer.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('reflects the caller\'s origin for the default `*`, since credentials are allowed', async () => {
    const open = await gateway()
    const response = await open.inject({ method: 'OPTIONS', url: '/api/auth/login', headers: { origin: FRONTEND, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } })
    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe(FRONTEND)
    expect(response.headers['access-control-allow-credentials']).toBe('true')
    const error = await open.inject({ url: '/api/tests', headers: { origin: FRONTEND } })
    expect(error.statusCode).toBe(401)
    expect(error.headers['access-control-allow-origin']).toBe(FRONTEND)
  })
})

describe('security headers', () => {
  it('sends helmet\'s headers on the gateway\'s own, proxied and error answers', async () => {
    const app = await gateway()
    for (const url of ['/api/', '/api/take-test/some-token', '/api/tests', '/health']) {
      const response = await app.inject({ url })
      expect(response.headers['x-content-type-options'], url).toBe('nosniff')
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN')
      expect(response.headers['strict-transport-security'], url).toMatch(/max-age=/)
      expect(response.headers['content-security-policy'], url).toMatch(/default-src 'self'/)
      expect(response.headers['cross-origin-resource-policy'], url).toBe('cross-origin')
      expect(response.headers['referrer-policy'], url).toBe('no-referrer')
    }
  })
})

describe('rate limits', () => {
  let app: ServiceApp
  beforeAll(async () => { app = await gateway({ rateLimits: { perMinute: 5, authPerMinute: 2, inviteTokenPerMinute: 3 } }) })

  /** Sends `count` requests from one address and returns the statuses. */
  const statuses = async (count: number, remoteAddress: string, method: 'GET' | 'POST', url: string) => {
    const result: number[] = []
    for (let index = 0; index < count; index++) result.push((await app.inject({ method, url, remoteAddress })).statusCode)
    return result
  }

  const expectLimited = async (remoteAddress: string, method: 'GET' | 'POST', url: string) => {
    const response = await app.inject({ method, url, remoteAddress })
    expect(response.statusCode).toBe(429)
    expect(response.json()).toEqual({ detail: 'Too many requests, please retry later', code: 'GATEWAY_RATE_LIMITED' })
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60)
  }

  it('limits every /api request of one client address', async () => {
    expect(await statuses(5, '198.51.100.1', 'GET', '/api/')).toEqual([200, 200, 200, 200, 200])
    await expectLimited('198.51.100.1', 'GET', '/api/')
    expect(await forwarded(async () => { await expectLimited('198.51.100.1', 'GET', '/api/webrtc/signals/x') })).toBe(0)
    // Another address has its own count.
    expect((await app.inject({ url: '/api/', remoteAddress: '198.51.100.2' })).statusCode).toBe(200)
  })

  it('never limits /health, /ready or /docs', async () => {
    expect(await statuses(5, '198.51.100.3', 'GET', '/api/')).toEqual([200, 200, 200, 200, 200])
    await expectLimited('198.51.100.3', 'GET', '/api/')
    for (const url of ['/health', '/ready', '/docs', '/docs/json']) {
      const seen = await statuses(8, '198.51.100.3', 'GET', url)
      expect(seen, url).not.toContain(429)
    }
  })

  it('limits login and register together, more strictly', async () => {
    expect(await statuses(1, '198.51.100.4', 'POST', '/api/auth/login')).toEqual([200])
    expect(await statuses(1, '198.51.100.4', 'POST', '/api/auth/register')).toEqual([200])
    await expectLimited('198.51.100.4', 'POST', '/api/auth/login')
    await expectLimited('198.51.100.4', 'POST', '/api/auth/register')
    // Other identity routes count against the general limit only.
    expect((await app.inject({ url: '/api/admin/check-signup-restriction', remoteAddress: '198.51.100.4' })).statusCode).toBe(200)
  })

  it('limits failed invite-token lookups (guessing) on every route that takes one, then refuses that address', async () => {
    // The service answers 404 for a token it does not know, as invitation does.
    upstream.handle((request, response) => {
      const known = request.url?.includes('/real-token') === true
      response.writeHead(known ? 200 : 404, { 'content-type': 'application/json' }).end(known ? '{"ok":true}' : '{"detail":"Invalid invite token","code":"INVITATION_TOKEN_NOT_FOUND"}')
    })
    expect(await statuses(1, '198.51.100.5', 'GET', '/api/invites/token/guess-1')).toEqual([404])
    expect(await statuses(1, '198.51.100.5', 'GET', '/api/take-test/guess-2')).toEqual([404])
    expect(await statuses(1, '198.51.100.5', 'POST', '/api/start-test/guess-3')).toEqual([404])
    expect(await forwarded(async () => {
      await expectLimited('198.51.100.5', 'POST', '/api/submit-test/guess-4')
      await expectLimited('198.51.100.5', 'POST', '/api/invites/token/guess-5/schedule')
      // Once blocked, the address is refused on these routes even with a real token, until the window ends.
      await expectLimited('198.51.100.5', 'GET', '/api/take-test/real-token?x=1')
    })).toBe(0)
    // Other addresses, and the blocked address's other routes, are not affected.
    expect(await statuses(1, '198.51.100.6', 'GET', '/api/take-test/real-token')).toEqual([200])
    expect(await statuses(1, '198.51.100.5', 'GET', '/api/tests')).not.toContain(429)
  })

  it('never limits an applicant who holds a real token, however often the page autosaves', async () => {
    const busy = await gateway({ rateLimits: { perMinute: 1000, inviteTokenPerMinute: 3 } })
    upstream.handle((_request, response) => { response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}') })
    for (let save = 0; save < 50; save++) {
      const response = await busy.inject({ method: 'PUT', url: '/api/take-test/real-token/answers', payload: { answers: [] }, remoteAddress: '198.51.100.7' })
      expect(response.statusCode).toBe(200)
    }
  })

  it('counts the client X-Forwarded-For names when TRUST_PROXY trusts the sender', async () => {
    const behind = await gateway({ trustProxy: 'loopback', rateLimits: { perMinute: 1 } })
    const from = async (client: string) => (await behind.inject({ url: '/api/', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } })).statusCode
    expect(await from('203.0.113.7')).toBe(200)
    expect(await from('203.0.113.7')).toBe(429)
    expect(await from('203.0.113.8')).toBe(200)
  })
})

describe('early token check', () => {
  let app: ServiceApp
  beforeAll(async () => { app = await gateway() })

  const protectedPaths: ['GET' | 'POST' | 'PUT' | 'DELETE', string][] = [
    ['GET', '/api/tests'], ['POST', '/api/tests'], ['GET', '/api/tests/0b6f3c1e-0000-4000-8000-000000000000'], ['GET', '/api/%74ests'],
    ['GET', '/api/invites'], ['POST', '/api/invites/some-id/retry-email'], ['GET', '/api/results?page=1'], ['GET', '/api/my-invites'],
    ['GET', '/api/my-submissions'], ['GET', '/api/auth/me'], ['GET', '/api/admin/applicants'], ['GET', '/api/admin/email-settings'],
    ['GET', '/api/admin/notifications/unread-count'], ['GET', '/api/admin/scoring-queue'], ['DELETE', '/api/admin/delete-admin/x']
  ]

  it('answers 401 "Not authenticated" with WWW-Authenticate: Bearer without a token, never reaching the service', async () => {
    for (const [method, url] of protectedPaths) {
      let response!: Awaited<ReturnType<typeof app.inject>>
      expect(await forwarded(async () => { response = await app.inject({ method, url }) }), url).toBe(0)
      expect(response.statusCode, url).toBe(401)
      expect(response.json(), url).toEqual({ detail: 'Not authenticated', code: 'AUTH_NOT_AUTHENTICATED' })
      expect(response.headers['www-authenticate'], url).toBe('Bearer')
    }
  })

  it('answers 401 for a tampered, expired or forged token', async () => {
    const token = issuer.sign({ role: 'admin' })
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin', sub: 'someone-else' })).toString('base64url')}.${signature}`
    for (const bad of [tampered, issuer.sign({}, { expiresInSeconds: -60 }), issuer.sign({}, { alg: 'none' }), issuer.sign({ aud: 'other' }), 'not-a-jwt']) {
      let response!: Awaited<ReturnType<typeof app.inject>>
      expect(await forwarded(async () => { response = await app.inject({ url: '/api/results', headers: bearer(bad) }) })).toBe(0)
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({ detail: 'Could not validate credentials', code: 'AUTH_INVALID_TOKEN' })
      expect(response.headers['www-authenticate']).toBe('Bearer')
    }
    const basic = await app.inject({ url: '/api/results', headers: { authorization: 'Basic dXNlcjpwYXNz' } })
    expect(basic.json()).toMatchObject({ detail: 'Not authenticated' })
  })

  it('forwards a request with a valid token, the token included', async () => {
    const token = issuer.sign({ role: 'admin' })
    for (const [method, url] of protectedPaths) {
      const response = await app.inject({ method, url, headers: bearer(token) })
      expect(response.statusCode, url).toBe(200)
      expect(upstream.requests.at(-1)?.authorization, url).toBe(`Bearer ${token}`)
    }
  })

  it('lets public routes through without a token', async () => {
    const publicPaths: ['GET' | 'POST', string][] = [
      ['POST', '/api/auth/login'], ['POST', '/api/auth/register'], ['GET', '/api/admin/check-signup-restriction'],
      ['GET', '/api/invites/token/some-token'], ['POST', '/api/invites/token/some-token/schedule'],
      ['GET', '/api/take-test/some-token'], ['POST', '/api/start-test/some-token'], ['POST', '/api/submit-test/some-token'],
      ['POST', '/api/webrtc/offer'], ['GET', '/api/webrtc/signals/some-invite'], ['GET', '/api/ws/signaling/x?token=abc']
    ]
    for (const [method, url] of publicPaths) {
      let response!: Awaited<ReturnType<typeof app.inject>>
      expect(await forwarded(async () => { response = await app.inject({ method, url }) }), url).toBe(1)
      expect(response.statusCode, url).toBe(200)
    }
  })
})
