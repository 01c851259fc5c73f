import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createHarness, testBody, type Caller, type Harness } from './helpers.js'

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller
let existingId: string

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
  existingId = (await call('POST', '/api/tests', admin, testBody())).json<{ id: string }>().id
})
afterAll(async () => { await harness.cleanup() })

const mcq = (fields: Record<string, unknown>) => ({ type: 'multiple_choice', question: 'Pick one', options: ['a', 'b'], correct_answer: 'a', ...fields })
const many = (count: number) => Array.from({ length: count }, (_, index) => ({ type: 'essay', question: `Q${index}` }))

// [name, body, the loc that must be reported]
const cases: [string, unknown, (string | number)[]][] = [
  ['missing title', { ...testBody(), title: undefined }, ['body', 'title']],
  ['empty title', testBody({ title: '' }), ['body', 'title']],
  ['256-character title', testBody({ title: 'x'.repeat(256) }), ['body', 'title']],
  ['missing description', { ...testBody(), description: undefined }, ['body', 'description']],
  ['description over 10000 characters', testBody({ description: 'x'.repeat(10_001) }), ['body', 'description']],
  ['duration 0', testBody({ duration_minutes: 0 }), ['body', 'duration_minutes']],
  ['duration 1441', testBody({ duration_minutes: 1441 }), ['body', 'duration_minutes']],
  ['fractional duration', testBody({ duration_minutes: 1.5 }), ['body', 'duration_minutes']],
  ['no questions', testBody({ questions: [] }), ['body', 'questions']],
  ['501 questions', testBody({ questions: many(501) }), ['body', 'questions']],
  ['blank question text', testBody({ questions: [{ type: 'essay', question: '   ' }] }), ['body', 'questions', 0, 'question']],
  ['unknown type', testBody({ questions: [{ type: 'true_false', question: 'Yes?' }] }), ['body', 'questions', 0, 'type']],
  ['negative points', testBody({ questions: [{ type: 'essay', question: 'Why?', points: -1 }] }), ['body', 'questions', 0, 'points']],
  ['fractional points', testBody({ questions: [{ type: 'essay', question: 'Why?', points: 1.5 }] }), ['body', 'questions', 0, 'points']],
  ['one option', testBody({ questions: [mcq({ options: ['a'] })] }), ['body', 'questions', 0, 'options']],
  ['no options', testBody({ questions: [mcq({ options: null })] }), ['body', 'questions', 0, 'options']],
  ['repeated options', testBody({ questions: [mcq({ options: ['a', 'a', 'b'] })] }), ['body', 'questions', 0, 'options']],
  ['answer not among the options', testBody({ questions: [mcq({}), mcq({ correct_answer: 'c' })] }), ['body', 'questions', 1, 'correct_answer']],
  ['no answer', testBody({ questions: [mcq({ correct_answer: undefined })] }), ['body', 'questions', 0, 'correct_answer']],
  ['not an object', ['a', 'list'], ['body']]
]

describe('422 for bad tests, naming the field (D2)', () => {
  for (const method of ['POST', 'PUT'] as const) {
    it.each(cases)(`${method}: %s`, async (_name, body, loc) => {
      const url = method === 'POST' ? '/api/tests' : `/api/tests/${existingId}`
      const response = await call(method, url, admin, body)
      expect(response.statusCode, response.body).toBe(422)
      const json = response.json<{ detail: string, code: string, errors: { loc: unknown[] }[] }>()
      expect(json.code).toBe('VALIDATION_FAILED')
      expect(json.errors.map((error) => error.loc)).toContainEqual(loc)
      expect(json.detail).toContain(loc.join('.'))
    })
  }

  it('accepts the bounds: 1 and 500 questions, 1 and 1440 minutes, 255-character title, empty description, 0 points', async () => {
    for (const body of [
      testBody({ questions: many(500), duration_minutes: 1440, title: 'x'.repeat(255), description: '' }),
      testBody({ questions: [{ type: 'essay', question: 'Only one', points: 0 }], duration_minutes: 1, title: 'x' })
    ]) {
      const response = await call('POST', '/api/tests', admin, body)
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    }
  })

  it('changes nothing when an edit is refused', async () => {
    await call('PUT', `/api/tests/${existingId}`, admin, testBody({ duration_minutes: 0 }))
    expect((await call('GET', `/api/tests/${existingId}`, admin)).json()).toMatchObject({ version: 1 })
  })
})
