// The data every platform benchmark needs, made through the gateway as a client would: one admin,
// one test, and applicants invited in bulk (each e-mail its own, so the one-test-at-a-time rule never
// refuses a start), with started sessions where a benchmark needs them.
import { adminWithTest as withTest, type Scenario } from '@repo/testing'

export { inParallel, startedSessions, type Scenario, type Session } from '@repo/testing'

/** The first admin signs up and writes a small mixed test (two multiple-choice questions and an essay). */
export async function adminWithTest (gatewayUrl: string): Promise<Scenario> {
  return await withTest(gatewayUrl, {
    admin: { email: 'bench-admin@example.com', password: 'benchmark password', full_name: 'Bea Bench' },
    test: {
      title: 'Platform benchmark',
      description: 'Two multiple-choice questions and an essay',
      duration_minutes: 60,
      questions: [
        { type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 2 },
        { type: 'multiple_choice', question: 'Which of these is a message broker?', options: ['NATS', 'Postgres'], correct_answer: 'NATS', points: 1 },
        { type: 'essay', question: 'Describe a migration you would not run on a Friday', points: 2 }
      ]
    },
    answerFor: (type) => type === 'essay' ? 'One that rewrites a large table while holding a lock.' : '5432'
  })
}
