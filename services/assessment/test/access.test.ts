import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { waitFor } from '@repo/testing'
import { caller, createHarness, testBody, type Caller, type Harness } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let testId: string

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  testId = (await call('POST', '/api/tests', admin, testBody())).json<{ id: string }>().id
})
afterAll(async () => { await harness.cleanup() })

const routes = (id: string): ['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?][] => [
  ['POST', '/api/tests', testBody()],
  ['GET', '/api/tests'],
  ['GET', `/api/tests/${id}`],
  ['PUT', `/api/tests/${id}`, testBody()],
  ['DELETE', `/api/tests/${id}`],
  ['DELETE', `/api/tests/${id}/force`],
  ['POST', '/api/tests/auto-generate', { topic: 'SQL' }],
  ['GET', `/api/tests/${id}/versions`],
  ['GET', `/api/tests/${id}/versions/1`]
]

describe('admins only', () => {
  it('answers 403 "Not enough permissions" to an applicant on every /api/tests route, even with a bad body', async () => {
    const applicant = harness.caller('applicant')
    for (const [method, url, body] of [...routes(testId), ['POST', '/api/tests', { title: '' }] as const]) {
      const response = await call(method, url, applicant, body)
      expect(response.statusCode, `${method} ${url}`).toBe(403)
      expect(response.json()).toEqual({ detail: 'Not enough permissions', code: 'AUTH_FORBIDDEN' })
    }
    expect((await call('GET', `/api/tests/${testId}`, admin)).statusCode).toBe(200)
  })

  it('answers 401 with WWW-Authenticate without a token or with a bad one', async () => {
    const forged: Caller = { id: admin.id, token: `${admin.token.slice(0, -4)}AAAA` }
    for (const [method, url, body] of routes(testId)) {
      const anonymous = await call(method, url, undefined, body)
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401)
      expect(anonymous.headers['www-authenticate']).toBe('Bearer')
      expect((await call(method, url, forged, body)).statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('refuses an admin\'s token within 5 s of identity revoking it (D6)', async () => {
    const revoked = harness.caller('admin')
    expect((await call('GET', '/api/tests', revoked)).statusCode).toBe(200)
    await harness.publish(catalog.identity.UserTokensRevokedV1, { userId: revoked.id, tokensValidFrom: Math.floor(Date.now() / 1000) + 1, reason: 'deactivated' })
    const refused = await waitFor('the token to be refused', async () => {
      const response = await call('GET', '/api/tests', revoked)
      return response.statusCode === 401 ? response : undefined
    }, 5000)
    expect(refused.json()).toEqual({ detail: 'Could not validate credentials', code: 'AUTH_INVALID_TOKEN' })
    expect((await call('GET', '/api/tests', admin)).statusCode).toBe(200)
  })
})

describe('/ready', () => {
  it('reports the database, NATS and the revocation list', async () => {
    const response = await call('GET', '/ready')
    expect(response.json()).toEqual({ status: 'ready', service: 'assessment', checks: { database: 'ok', nats: 'ok', revocations: 'ok' } })
  })
})
