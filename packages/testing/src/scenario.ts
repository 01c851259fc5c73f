// A platform with data in it, made through the gateway as a client would: the first admin, one test,
// and started sessions. The benchmarks and the fault tests build on it, each with a test of its own.
import { createApiClient, ok, type ApiClient, type paths } from '@repo/client'
import { inviteInBulk, startSessions, type Session } from './sessions.js'

export type Scenario = {
  gatewayUrl: string
  admin: ApiClient
  /** The admin's access token, for what the API client does not cover (e.g. a WebSocket's `?token=`). */
  adminToken: string
  testId: string
  /** A full set of answers (every question answered), as an applicant autosaves and submits them. */
  answers: { question_id: string, answer: string }[]
}

export type ScenarioSpec = {
  admin: { email: string, password: string, full_name: string }
  test: paths['/api/tests']['post']['requestBody']['content']['application/json']
  /** The answer given to each question of the test, by its type. */
  answerFor: (type: string) => string
}

/** The first admin signs up, logs in and writes the spec's test. */
export async function adminWithTest (gatewayUrl: string, spec: ScenarioSpec): Promise<Scenario> {
  const anonymous = createApiClient(gatewayUrl)
  await ok(anonymous.POST('/api/auth/register', { body: { ...spec.admin, role: 'admin' } }))
  const login = await ok(anonymous.POST('/api/auth/login', { body: { email: spec.admin.email, password: spec.admin.password } }))
  const admin = createApiClient(gatewayUrl, { token: login.access_token })
  const test = await ok(admin.POST('/api/tests', { body: spec.test }))
  const answers = test.questions.map((question) => ({ question_id: question.id, answer: spec.answerFor(question.type) }))
  return { gatewayUrl, admin, adminToken: login.access_token, testId: test.id, answers }
}

/** Invited in bulk and started: sessions an applicant can autosave and submit; `label` keeps the e-mails of separate pools apart. */
export async function startedSessions (scenario: Scenario, count: number, label = 'applicant'): Promise<Session[]> {
  const sessions = await inviteInBulk(scenario.admin, scenario.testId, count, label)
  await startSessions(scenario.gatewayUrl, sessions)
  return sessions
}
