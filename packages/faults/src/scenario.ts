import { createApiClient, ok, type ApiClient } from '@repo/client'

/** An invite an applicant holds: its id and the link's token. */
export type Session = { inviteId: string, token: string }

export type Scenario = {
  gatewayUrl: string
  admin: ApiClient
  /** The admin's access token, for what the API client does not cover (e.g. a WebSocket's `?token=`). */
  adminToken: string
  testId: string
  /** The answers that score 100 on the test (one multiple-choice question). */
  answers: { question_id: string, answer: string }[]
}

const ADMIN = { email: 'faults-admin@example.com', password: 'fault tolerant password', full_name: 'Fay Faults' }

/** The first admin signs up and writes a one-question test, everything through the gateway. */
export async function adminWithTest (gatewayUrl: string): Promise<Scenario> {
  const anonymous = createApiClient(gatewayUrl)
  await ok(anonymous.POST('/api/auth/register', { body: { ...ADMIN, role: 'admin' } }))
  const login = await ok(anonymous.POST('/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } }))
  const admin = createApiClient(gatewayUrl, { token: login.access_token })
  const test = await ok(admin.POST('/api/tests', {
    body: {
      title: 'Fault tolerance',
      description: 'One question, many applicants',
      duration_minutes: 30,
      questions: [{ type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 1 }]
    }
  }))
  const answers = test.questions.map((question) => ({ question_id: question.id, answer: '5432' }))
  return { gatewayUrl, admin, adminToken: login.access_token, testId: test.id, answers }
}

/** Runs `work` over `items` with at most `concurrency` at once; answers the results in input order. */
export async function inParallel<T, R> (items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/** `count` applicants invited in bulk (500 a call, the API's limit), each with a started session. */
export async function startedSessions (scenario: Scenario, count: number, label = 'applicant'): Promise<Session[]> {
  const sessions: Session[] = []
  for (let first = 0; first < count; first += 500) {
    const applicants = Array.from({ length: Math.min(500, count - first) }, (_, offset) => ({ applicant_email: `${label}-${first + offset}@example.com`, applicant_name: `Applicant ${first + offset}` }))
    const bulk = await ok(scenario.admin.POST('/api/invites/bulk', { body: { test_id: scenario.testId, applicants } }))
    for (const result of bulk.results) {
      if (result.status !== 'created') throw new Error(`inviting ${result.applicant_email} failed: ${JSON.stringify(result.error)}`)
      sessions.push({ inviteId: result.invite.id, token: result.invite.invite_token })
    }
  }
  const anonymous = createApiClient(scenario.gatewayUrl)
  await inParallel(sessions, 8, async (session) => await ok(anonymous.POST('/api/start-test/{token}', { params: { path: { token: session.token } } })))
  return sessions
}

/** Submits a session's answers through the gateway; answers the HTTP status (a fault test decides what is acceptable). */
export async function submit (scenario: Scenario, session: Session): Promise<number> {
  const response = await fetch(`${scenario.gatewayUrl}/api/submit-test/${session.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: scenario.answers })
  })
  await response.body?.cancel()
  return response.status
}
