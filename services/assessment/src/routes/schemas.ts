import { Type, type Static, type TSchema } from 'typebox'

// Limits of API.md 2.2 as this platform tightens them (issue 4); the upper bounds on free text keep one
// field from costing more than the body limit allows anyway.
const QuestionType = Type.Enum(['multiple_choice', 'coding', 'essay'])

/** A question as clients send it; a client `id` is not declared, so it is ignored like any unknown field. */
export const QuestionInputSchema = Type.Object({
  type: QuestionType,
  // Not blank: at least one non-space character.
  question: Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S' }),
  options: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 100 }), Type.Null()])),
  correct_answer: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
  expected_language: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  points: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 1 })
})

/** POST and PUT /tests: the same body (extra fields ignored, as in the original). */
export const TestInputSchema = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.String({ maxLength: 10_000 }),
  duration_minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  questions: Type.Array(QuestionInputSchema, { minItems: 1, maxItems: 500 })
})
export type TestInput = Static<typeof TestInputSchema>

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Question = Type.Object({
  id: Type.String(),
  type: QuestionType,
  question: Type.String(),
  options: Nullable(Type.Array(Type.String())),
  correct_answer: Nullable(Type.String()),
  expected_language: Nullable(Type.String()),
  points: Type.Integer()
})

/** The original's Test shape (API.md section 2) plus `version` (D9). */
export const Test = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  questions: Type.Array(Question),
  duration_minutes: Type.Integer(),
  created_by: Nullable(Type.String()),
  created_at: Type.String(),
  is_active: Type.Boolean(),
  version: Type.Integer()
})

export const VersionSummary = Type.Object({ version: Type.Integer(), created_at: Type.String(), title: Type.String() })

// Ids and versions are checked in the handler, not by the schema: a malformed one must give the
// route's own 404 ("Test not found"), not the kit's generic one.
export const IdParams = Type.Object({ id: Type.String() })
export const VersionParams = Type.Object({ id: Type.String(), version: Type.String() })
