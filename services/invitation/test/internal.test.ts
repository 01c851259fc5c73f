import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, publishTest, type Caller, type Harness } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

const countUrl = (email: string) => `/internal/applicants/invite-count?email=${encodeURIComponent(email)}`

describe('GET /internal/applicants/invite-count (identity asks before deleting an applicant, D17)', () => {
  it('counts the invites of one e-mail, case-insensitively and whatever their status', async () => {
    const test = await publishTest(harness)
    const invite = async (email: string) => {
      const response = await call('POST', '/api/invites', admin, { test_id: test.testId, applicant_email: email, applicant_name: 'Dora' })
      expect(response.statusCode, response.body).toBe(200)
      return response.json<{ id: string }>()
    }
    await invite('Dora@Example.com')
    const revoked = await invite('dora@example.COM')
    expect((await call('POST', `/api/invites/${revoked.id}/revoke`, admin)).statusCode).toBe(200)
    await invite('dora.other@example.com')
    await invite('adora@example.com')

    const response = await call('GET', countUrl('DORA@example.com'), admin)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ count: 2 })
    expect((await call('GET', countUrl('nobody@example.com'), admin)).json()).toEqual({ count: 0 })
  })

  it('needs an admin token: 401 without one, 403 for an applicant', async () => {
    const missing = await call('GET', countUrl('dora@example.com'))
    expect(missing.statusCode).toBe(401)
    expect(missing.headers['www-authenticate']).toBe('Bearer')
    expect((await call('GET', countUrl('dora@example.com'), harness.caller('applicant', 'dora@example.com'))).statusCode).toBe(403)
  })

  it('answers 422 for a missing or malformed e-mail', async () => {
    expect((await call('GET', countUrl('not-an-email'), admin)).statusCode).toBe(422)
    const missing = await call('GET', '/internal/applicants/invite-count', admin)
    expect(missing.statusCode).toBe(422)
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('is not in the service\'s OpenAPI document', async () => {
    const document = (await call('GET', '/openapi.json')).json<{ paths: Record<string, unknown> }>()
    expect(document.paths).toHaveProperty(['/api/invites'])
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/internal'))).toEqual([])
  })
})
