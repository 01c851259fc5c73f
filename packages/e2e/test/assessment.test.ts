import { beforeAll, describe, expect, inject, it } from 'vitest'
import { client, screeningTest, type Json } from '../src/client.js'
import { SUPERADMIN } from '../src/superadmin.js'

// Assessment's public surface through the gateway (API.md 2.2 with D9): an admin writes and versions
// tests, an applicant is refused on every /tests route.
const api = client(`${inject('gatewayUrl')}/api`)
const gateway = inject('gatewayUrl')
const applicant = { email: `assessment-applicant-${Date.now().toString(36)}@example.com`, password: 'correct horse battery', full_name: 'Tess Taker' }

const login = api.login

describe('assessment through the gateway', () => {
  let adminToken: string
  let applicantToken: string
  let created: Json

  beforeAll(async () => {
    adminToken = await login(SUPERADMIN.email, SUPERADMIN.password)
    expect((await api.post('/auth/register', applicant)).status).toBe(200)
    applicantToken = await login(applicant.email, applicant.password)
  })

  it('creates a test at version 1 and lists it', async () => {
    const response = await api.post('/tests', screeningTest('E2E test'), adminToken)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    created = response.body
    expect(created).toMatchObject({ title: 'E2E test', version: 1, is_active: true, duration_minutes: 30 })
    expect(created.questions.map((question: Json) => question.type)).toEqual(['multiple_choice', 'essay'])
    const list = await api.get('/tests?limit=1000', adminToken)
    expect(list.body).toContainEqual(created)
    expect((await api.get(`/tests/${created.id as string}`, adminToken)).body).toEqual(created)
  })

  it('edits into version 2 and still serves version 1 unchanged', async () => {
    const edited = await api.put(`/tests/${created.id as string}`, screeningTest('E2E test, edited'), adminToken)
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ id: created.id, title: 'E2E test, edited', version: 2 })
    expect((await api.get(`/tests/${created.id as string}/versions/1`, adminToken)).body).toEqual(created)
    expect((await api.get(`/tests/${created.id as string}/versions`, adminToken)).body.map((version: Json) => version.version)).toEqual([1, 2])
  })

  it('answers 422 naming the field, and 404 for a malformed id', async () => {
    const bad = await api.post('/tests', { ...screeningTest('Bad'), duration_minutes: 0 }, adminToken)
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ loc: ['body', 'duration_minutes'] }))
    expect((await api.get('/tests/not-a-uuid', adminToken)).body).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
  })

  it('answers 403 "Not enough permissions" to an applicant on every /tests route', async () => {
    const id = created.id as string
    const routes: [string, string, unknown?][] = [
      ['POST', '/tests', screeningTest('Nope')],
      ['GET', '/tests'],
      ['GET', `/tests/${id}`],
      ['PUT', `/tests/${id}`, screeningTest('Nope')],
      ['DELETE', `/tests/${id}`],
      ['DELETE', `/tests/${id}/force`],
      ['POST', '/tests/auto-generate', { topic: 'SQL' }],
      ['GET', `/tests/${id}/versions`],
      ['GET', `/tests/${id}/versions/1`]
    ]
    for (const [method, path, payload] of routes) {
      const response = await api.call(method, path, { token: applicantToken, body: payload })
      expect(response.status, `${method} ${path}`).toBe(403)
      expect(response.body.detail).toBe('Not enough permissions')
      expect((await api.call(method, path, { body: payload })).status, `${method} ${path} without a token`).toBe(401)
    }
  })

  it('answers 501 for auto-generate', async () => {
    const response = await api.post('/tests/auto-generate', { topic: 'SQL' }, adminToken)
    expect(response.status).toBe(501)
    expect(response.body).toEqual({ detail: 'Automatic test generation is not available in this version', code: 'ASSESSMENT_NOT_IMPLEMENTED' })
  })

  it('does not expose the internal read', async () => {
    const response = await fetch(`${gateway}/internal/tests/${created.id as string}/versions/1`, { headers: { authorization: `Bearer ${adminToken}` } })
    expect(response.status).toBe(404)
  })

  it('soft-deletes and force-deletes', async () => {
    const deleted = await api.delete(`/tests/${created.id as string}`, adminToken)
    expect(deleted.body).toEqual({ message: "Test 'E2E test, edited' has been deleted successfully" })
    expect((await api.get(`/tests/${created.id as string}`, adminToken)).status).toBe(404)
    const other = (await api.post('/tests', screeningTest('To force'), adminToken)).body
    const forced = await api.delete(`/tests/${other.id as string}/force`, adminToken)
    expect(forced.body).toEqual({ message: "Test 'To force' and all associated data have been force deleted successfully", deleted_invites: 0, force_deleted: true })
  })
})
