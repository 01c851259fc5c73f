import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { base64url, client, type Json, type Reply } from '../src/client.js'
import { startExtraGateway, type ExtraGateway } from '../src/gateway-process.js'
import { claimsOf, mintAccessToken } from '../src/mint-token.js'
import { exampleOf, pathParameters, routesOf, type OpenApiDocument, type Route } from '../src/openapi.js'
import { SUPERADMIN } from '../src/superadmin.js'

// Issue 8's security cases, driven through the gateway as an attacker with an ordinary account would:
// role checks on every admin route (D1), other applicants' data (404), answer keys (D4), tokens (D1, D7)
// and guessing invite tokens against the gateway's default rate limit (D8).
const gatewayUrl = inject('gatewayUrl')
const api = client(`${gatewayUrl}/api`)
const unique = Date.now().toString(36)
const password = 'correct horse battery'
const alice = { email: `alice-${unique}@example.com`, password, full_name: 'Alice Applicant' }
const bob = { email: `bob-${unique}@example.com`, password, full_name: 'Bob Applicant' }

// Texts only an admin may ever see: the correct option of the multiple choice question, and the
// reference answers of the coding and essay questions. Distinctive, so finding one is never a coincidence.
const CORRECT_OPTION = `Port 5432 (${unique})`
const SECRET_TEXTS = [`def reference_solution_${unique}(): pass`, `Model essay answer ${unique}`]
const securityTest = {
  title: `Security e2e ${unique}`,
  description: 'Answer keys must stay with the admin',
  duration_minutes: 30,
  questions: [
    { type: 'multiple_choice', question: 'Which port does Postgres use?', options: ['Port 3306', CORRECT_OPTION, 'Port 6379', 'Port 27017'], correct_answer: CORRECT_OPTION, points: 2 },
    { type: 'coding', question: 'Write a function', expected_language: 'python', correct_answer: SECRET_TEXTS[0], points: 3 },
    { type: 'essay', question: 'Describe a rollback', correct_answer: SECRET_TEXTS[1], points: 1 }
  ]
}

/**
 * The routes an applicant (or anyone) may use; every other route of the OpenAPI document is admin-only,
 * so a route added later is swept automatically unless it is deliberately listed here.
 */
const APPLICANT_ROUTES = [
  /^\/api\/$/,
  /^\/api\/auth\/(login|register|me|jwks)$/,
  /^\/api\/admin\/check-signup-restriction$/,
  /^\/api\/invites\/token\//,
  /^\/api\/(take-test|start-test|submit-test)\//,
  /^\/api\/my-invites$/,
  /^\/api\/my-submissions(\/|$)/,
  // The proctoring mailbox has its own rules (D15, covered by signaling.test.ts).
  /^\/api\/webrtc\//
]
const isApplicantRoute = (route: Route): boolean => APPLICANT_ROUTES.some((pattern) => pattern.test(route.path))

/** Every applicant-facing answer of a take, by call, to be searched for answer keys. */
const seen: Array<{ call: string, body: Json }> = []
function record (call: string, reply: Reply): Reply {
  expect(reply.status, `${call}: ${JSON.stringify(reply.body)}`).toBe(200)
  seen.push({ call, body: reply.body })
  return reply
}

/** Where an answer key shows in a body: a key naming correctness, a secret text, or the correct option outside `options`. */
function answerKeyLeaks (value: unknown, path: string, inOptions = false): string[] {
  if (typeof value === 'string') {
    if (SECRET_TEXTS.some((secret) => value.includes(secret))) return [`${path}: a reference answer`]
    if (value.includes(CORRECT_OPTION) && !inOptions) return [`${path}: the correct option outside the options`]
    return []
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => answerKeyLeaks(item, `${path}[${index}]`, inOptions))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = `${path}.${key}`
    const leaks = /correct|answer_?key|solution/i.test(key) ? [`${here}: a key naming the answer`] : []
    // Options are plain strings: an option object could carry a flag.
    if (key === 'options' && Array.isArray(inner) && !inner.every((option) => typeof option === 'string')) leaks.push(`${here}: options that are not plain strings`)
    return [...leaks, ...answerKeyLeaks(inner, here, key === 'options')]
  })
}

describe('security through the gateway', () => {
  let adminToken: string
  let aliceToken: string
  let bobToken: string
  let bobId: string
  let test: Json
  let aliceInvite: Json
  let bobInvite: Json
  let aliceSubmission: string
  let bobSubmission: string

  beforeAll(async () => {
    adminToken = await api.login(SUPERADMIN.email, SUPERADMIN.password)
    expect((await api.post('/auth/register', alice)).status).toBe(200)
    const registeredBob = await api.post('/auth/register', bob)
    expect(registeredBob.status).toBe(200)
    bobId = registeredBob.body.id
    aliceToken = await api.login(alice.email, password)
    bobToken = await api.login(bob.email, password)
    const created = await api.post('/tests', securityTest, adminToken)
    expect(created.status, JSON.stringify(created.body)).toBe(200)
    test = created.body
    const invite = async (who: typeof alice): Promise<Json> => {
      const response = await api.post('/invites', { test_id: test.id, applicant_email: who.email, applicant_name: who.full_name, no_schedule: true }, adminToken)
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      return response.body
    }
    aliceInvite = await invite(alice)
    bobInvite = await invite(bob)
  })

  it('never shows an applicant a correct answer, anywhere in a whole take (D4)', async () => {
    const token = aliceInvite.invite_token as string
    const [mcq, coding, essay] = test.questions as Json[]
    record('GET /invites/token/{t}', await api.get(`/invites/token/${token}`))
    record('GET /take-test/{t} before the start', await api.get(`/take-test/${token}`))
    record('POST /start-test/{t}', await api.post(`/start-test/${token}`))
    record('GET /take-test/{t} after the start', await api.get(`/take-test/${token}`))
    // A wrong option: the correct one must then appear only inside `options`.
    record('PUT /take-test/{t}/answers', await api.put(`/take-test/${token}/answers`, { answers: [{ question_id: mcq.id, answer: 'Port 3306' }] }))
    record('GET /take-test/{t} after autosave', await api.get(`/take-test/${token}`))
    const submitted = record('POST /submit-test/{t}', await api.post(`/submit-test/${token}`, {
      answers: [{ question_id: mcq.id, answer: 'Port 3306' }, { question_id: coding.id, answer: 'print(1)' }, { question_id: essay.id, answer: 'Restore the backup.' }]
    }))
    aliceSubmission = submitted.body.submission_id
    // Graded answers are where a correctness flag would show up, so wait for grading first.
    await waitFor('the submission to be graded', async () => {
      const mine = await api.get('/my-submissions', aliceToken)
      return mine.body?.[0]?.scoring_status === 'needs_review' ? true : undefined
    })
    record('GET /my-invites', await api.get('/my-invites', aliceToken))
    record('GET /my-submissions', await api.get('/my-submissions', aliceToken))
    record('GET /my-submissions/{id}', await api.get(`/my-submissions/${aliceSubmission}`, aliceToken))
    record('GET /invites/token/{t} once completed', await api.get(`/invites/token/${token}`))

    const leaks = seen.flatMap(({ call, body }) => answerKeyLeaks(body, call))
    expect(leaks, leaks.join('\n')).toEqual([])
    // The walk looked at the questions themselves: the correct option was there, among the options.
    expect(JSON.stringify(seen[0]?.body)).toContain(CORRECT_OPTION)
    // Control: the admin's own view does carry the key the walk looks for.
    const detail = await api.get(`/results/${aliceSubmission}`, adminToken)
    expect(answerKeyLeaks(detail.body, 'admin view')).not.toEqual([])
  })

  it('answers 404 for another applicant\'s submission, lists only the caller\'s own data, and keeps their mailbox shut', async () => {
    const token = bobInvite.invite_token as string
    expect((await api.post(`/start-test/${token}`)).status).toBe(200)
    const submitted = await api.post(`/submit-test/${token}`, { answers: [] })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    bobSubmission = submitted.body.submission_id

    const foreign = await api.get(`/my-submissions/${aliceSubmission}`, bobToken)
    expect(foreign.status).toBe(404)
    expect(foreign.body.detail).toEqual(expect.any(String))
    // The same answer as for a submission that does not exist: nothing tells Bob that Alice's exists.
    const missing = await api.get(`/my-submissions/${randomUUID()}`, bobToken)
    expect({ status: missing.status, detail: missing.body.detail }).toEqual({ status: 404, detail: foreign.body.detail })
    // Grading stores the submission from the submitted event, so Bob's own shows up shortly.
    await waitFor('Bob\'s submission to be readable by Bob', async () =>
      (await api.get(`/my-submissions/${bobSubmission}`, bobToken)).body?.id === bobSubmission ? true : undefined)

    for (const [who, userToken, email, inviteId, submissionId] of [
      ['alice', aliceToken, alice.email, aliceInvite.id, aliceSubmission],
      ['bob', bobToken, bob.email, bobInvite.id, bobSubmission]
    ] as const) {
      const invites = await api.get('/my-invites', userToken)
      expect(invites.body.map((row: Json) => row.id), who).toEqual([inviteId])
      expect(invites.body.every((row: Json) => row.applicant_email.toLowerCase() === email), who).toBe(true)
      const submissions = await waitFor(`${who}'s submission to be listed`, async () => {
        const listed = await api.get('/my-submissions', userToken)
        return listed.body?.length > 0 ? listed.body as Json[] : undefined
      })
      expect(submissions.map((row) => row.id), who).toEqual([submissionId])
    }

    // Nor does Bob's token open Alice's proctoring mailbox (D15: a token of another user is 403).
    const signals = await api.get(`/webrtc/signals/${aliceInvite.id as string}`, bobToken)
    const offer = await api.post('/webrtc/offer', { type: 'offer', sdp: 'v=0 intruder', invite_id: aliceInvite.id }, bobToken)
    for (const reply of [signals, offer]) {
      expect(reply.status).toBe(403)
      expect(reply.body.detail).toEqual(expect.any(String))
    }
  })

  it('answers 403 with a detail to an applicant on every admin route of the OpenAPI document, changing nothing', async () => {
    const document = await (await fetch(`${gatewayUrl}/docs/json`)).json() as OpenApiDocument
    const adminRoutes = routesOf(document).filter((route) => !isApplicantRoute(route))
    // The classification is sane: the obvious admin routes are in, and the sweep is not trivially small.
    expect(adminRoutes.map((route) => `${route.method} ${route.path}`)).toEqual(expect.arrayContaining([
      'POST /api/tests', 'GET /api/results', 'DELETE /api/admin/applicants/{id}', 'POST /api/admin/create-admin', 'GET /api/invites'
    ]))
    expect(adminRoutes.length).toBeGreaterThan(30)

    // Real ids wherever the route takes one, so a missing role check would hit real rows.
    await waitFor('the test_submitted notification', async () => {
      const listed = await api.get('/admin/notifications', adminToken)
      return listed.body.notifications.some((row: Json) => row.type === 'test_submitted' && row.data?.invite_id === bobInvite.id) ? true : undefined
    })
    const notification = (await api.get('/admin/notifications', adminToken)).body.notifications[0]
    const scoring = await api.get(`/admin/scoring/${aliceSubmission}`, adminToken)
    const superadmin = (await api.get('/admin/is-first-admin', adminToken)).body.first_admin
    const ids: Record<string, string> = {
      invite_id: aliceInvite.id,
      submission_id: aliceSubmission,
      answer_id: scoring.body.answers[1].id,
      admin_id: superadmin.id,
      version: '1'
    }
    const idFor = (path: string, parameter: string): string => {
      if (parameter !== 'id') return ids[parameter] ?? randomUUID()
      if (path.startsWith('/api/tests/')) return test.id
      if (path.startsWith('/api/admin/applicants/')) return bobId
      if (path.startsWith('/api/admin/notifications/')) return notification.id
      return randomUUID()
    }
    const known = { test_id: test.id, invite_id: aliceInvite.id, question_id: test.questions[0].id, status: 'inactive', applicant_email: `victim-${unique}@example.com` }
    // Routes without a body schema that still take one from the frontend (API.md section 7).
    const bodies: Record<string, unknown> = {
      'POST /api/tests/auto-generate': { topic: 'SQL', questionCount: 5, geminiApiKey: 'k', level: 'beginner', questionType: 'mixed' },
      'POST /api/admin/auto-review/{submission_id}': { geminiApiKey: 'k' }
    }

    const snapshot = async (): Promise<string> => JSON.stringify(await Promise.all([
      `/tests/${test.id as string}`, `/tests/${test.id as string}/versions`, `/invites?email_search=${unique}`, '/admin/applicants?limit=1000',
      '/admin/list-admins', '/admin/notifications', `/admin/scoring/${aliceSubmission}`, `/results/${bobSubmission}`,
      '/admin/email-settings', '/admin/theme-settings', '/admin/scoring-queue?limit=1000'
    ].map(async (path) => {
      const reply = await api.get(path, adminToken)
      return { path, status: reply.status, body: reply.body }
    })))
    // Settled first: e-mail delivery and grading update rows asynchronously.
    let before = await snapshot()
    before = await waitFor('the admin\'s view to settle', async () => {
      const again = await snapshot()
      const settled = again === before
      before = again
      return settled ? again : undefined
    })

    const failures: string[] = []
    for (const route of adminRoutes) {
      const path = pathParameters(route.path).reduce((filled, parameter) => filled.replace(`{${parameter}}`, idFor(route.path, parameter)), route.path)
      const label = `${route.method} ${route.path}`
      const body = bodies[label] ?? (route.bodySchema === undefined ? undefined : exampleOf(route.bodySchema, known))
      const reply = await api.call(route.method, path.replace(/^\/api/, ''), { token: aliceToken, body })
      if (reply.status !== 403 || typeof reply.body?.detail !== 'string' || typeof reply.body?.code !== 'string') {
        failures.push(`${label} (${path}, body ${JSON.stringify(body)}): ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 200)}`)
      }
    }
    console.log(`admin-route sweep: ${adminRoutes.length} operations called as an applicant`)
    expect(failures, failures.join('\n')).toEqual([])
    expect(await snapshot()).toBe(before)
  })

  describe('tokens on a protected route (D1)', () => {
    const protectedPaths = ['/auth/me', '/my-invites', '/my-submissions']

    async function expectRefused (token: string, what: string): Promise<void> {
      for (const path of protectedPaths) {
        const reply = await api.get(path, token)
        expect(reply.status, `${what} on ${path}`).toBe(401)
        expect(reply.body, `${what} on ${path}`).toMatchObject({ detail: 'Could not validate credentials' })
        expect(reply.headers.get('www-authenticate'), `${what} on ${path}`).toBe('Bearer')
      }
    }

    it('refuses an expired token signed with identity\'s own key, and accepts the same token unexpired', async () => {
      const real = claimsOf(aliceToken)
      expect(real).toMatchObject({ sub: expect.any(String), email: alice.email, role: 'applicant', iss: expect.any(String), aud: expect.any(String) })
      const now = Math.floor(Date.now() / 1000)
      const signingKey = inject('signingKeyPem')
      const expired = mintAccessToken(signingKey, { ...real, jti: randomUUID(), iat: now - 7200, exp: now - 3600 })
      const valid = mintAccessToken(signingKey, { ...real, jti: randomUUID(), iat: now - 7200, exp: now + 3600 })
      // The minted tokens carry identity's kid, so the only difference to a real one is what we chose.
      expect(valid.split('.')[0]).toBe(aliceToken.split('.')[0])
      for (const path of protectedPaths) expect((await api.get(path, valid)).status, `control on ${path}`).toBe(200)
      expect((await api.get('/auth/me', valid)).body.email).toBe(alice.email)
      await expectRefused(expired, 'expired')
    })

    it('refuses tampered, other-key and alg-none tokens', async () => {
      const [header = '', payload = '', signature = ''] = aliceToken.split('.')
      const claims = claimsOf(aliceToken)
      const tampered = `${header}.${base64url(JSON.stringify({ ...claims, role: 'admin' }))}.${signature}`
      const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString())
      const unsigned = `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: decodedHeader.kid }))}.${payload}.`
      // Same header (so the same kid) and claims, signed with a key identity never had.
      const { privateKey } = generateKeyPairSync('ed25519')
      const otherKey = `${header}.${payload}.${base64url(sign(null, Buffer.from(`${header}.${payload}`), privateKey))}`
      await expectRefused(tampered, 'tampered')
      await expectRefused(unsigned, 'alg none')
      await expectRefused(otherKey, 'other key')
      expect((await api.get('/auth/me', aliceToken)).status).toBe(200)
    })
  })

  describe('guessing invite tokens at a gateway with the default limits (D8)', () => {
    let gateway: ExtraGateway

    beforeAll(async () => { gateway = await startExtraGateway(inject('prodBuild'), inject('serviceUrls')) })
    afterAll(async () => { await gateway?.stop() })

    it('finds nothing, then is refused with 429 and Retry-After', async () => {
      const guesses: number[] = []
      let limited: Response | undefined
      for (let attempt = 0; attempt < 500 && limited === undefined; attempt++) {
        const response = await fetch(`${gateway.url}/api/invites/token/${randomBytes(32).toString('base64url')}`)
        if (response.status === 429) limited = response
        else {
          guesses.push(response.status)
          await response.arrayBuffer()
        }
      }
      // Every guess missed (404); the default limit counts exactly 60 misses a minute, then refuses.
      expect(new Set(guesses)).toEqual(new Set([404]))
      expect(guesses).toHaveLength(60)
      expect(limited?.status).toBe(429)
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(Number(limited?.headers.get('retry-after'))).toBeLessThanOrEqual(60)
      expect(await limited?.json()).toEqual({ detail: expect.any(String), code: 'GATEWAY_RATE_LIMITED' })
      // The limit is on the client, not the token: now a real token is refused the same way.
      const real = await fetch(`${gateway.url}/api/invites/token/${bobInvite.invite_token as string}`)
      expect(real.status).toBe(429)
      // Meanwhile the API at large stays open to the same client.
      expect((await fetch(`${gateway.url}/api/`)).status).toBe(200)
    })
  })
})
