import { adminWithTest as withTest, type Scenario, type Session } from '@repo/testing'

export { inParallel, startedSessions, type Scenario, type Session } from '@repo/testing'

/** The first admin signs up and writes a one-question test, everything through the gateway. */
export async function adminWithTest (gatewayUrl: string): Promise<Scenario> {
  return await withTest(gatewayUrl, {
    admin: { email: 'faults-admin@example.com', password: 'fault tolerant password', full_name: 'Fay Faults' },
    test: {
      title: 'Fault tolerance',
      description: 'One question, many applicants',
      duration_minutes: 30,
      questions: [{ type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 1 }]
    },
    // The answer that scores 100.
    answerFor: () => '5432'
  })
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
