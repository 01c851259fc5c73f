import { Type, type TSchema } from 'typebox'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const ScoringStatus = Type.Enum(['auto_only', 'needs_review', 'partially_reviewed', 'fully_reviewed'])
const QuestionType = Type.Enum(['multiple_choice', 'coding', 'essay'])
const ManualScoreStatus = Type.Enum(['pending', 'correct', 'wrong', 'partial'])
const Score = Nullable(Type.Number())

// Empty means "no filter": the original frontend sends every filter, empty when unused. The calendar
// (2024-02-30) is checked in the use case, so a bad day is 422 rather than the original's 500.
const DAY = '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$'
const UUID_OR_EMPTY = '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$'

/** The filters GET /results and its CSV export share (API.md 2.5). */
export const ResultFilterQuerySchema = Type.Object({
  start_date: Type.Optional(Type.String({ pattern: DAY })),
  end_date: Type.Optional(Type.String({ pattern: DAY })),
  test_id: Type.Optional(Type.String({ pattern: UUID_OR_EMPTY }))
})

/** GET /results: the original's page/limit envelope, `limit` at most 100 (D18); page<1 and limit=0 are 422, not 500. */
export const ResultListQuerySchema = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  ...ResultFilterQuerySchema.properties
})

// Ids are checked in the handler: a malformed one is the route's own "Submission not found" (D2).
export const SubmissionParams = Type.Object({ submission_id: Type.String() })
export const AnswerParams = Type.Object({ submission_id: Type.String(), answer_id: Type.String() })

/** One row of GET /results (API.md 2.5) plus the ids, the version, `final_score` and `auto_submitted`. */
export const Result = Type.Object({
  submission_id: Type.String(),
  invite_id: Type.String(),
  test_id: Type.String(),
  test_version: Type.Integer(),
  applicant_name: Type.String(),
  applicant_email: Type.String(),
  test_title: Type.String(),
  test_duration_minutes: Type.Integer(),
  score: Score,
  auto_score: Score,
  manual_score: Score,
  final_score: Score,
  scoring_status: ScoringStatus,
  submitted_at: Type.String(),
  started_at: Type.String(),
  auto_submitted: Type.Boolean(),
  is_monitored: Type.Boolean()
})

export const ResultList = Type.Object({
  results: Type.Array(Result),
  pagination: Type.Object({
    page: Type.Integer(),
    limit: Type.Integer(),
    total: Type.Integer(),
    total_pages: Type.Integer(),
    has_next: Type.Boolean(),
    has_prev: Type.Boolean()
  })
})

/** An answer as admins see it, with the question and its key (never served to applicants, D4). */
const ResultAnswer = Type.Object({
  id: Type.String(),
  question_id: Type.String(),
  question: Type.String(),
  question_type: QuestionType,
  options: Nullable(Type.Array(Type.String())),
  expected_language: Nullable(Type.String()),
  answer: Type.String(),
  correct_answer: Nullable(Type.String()),
  points: Type.Integer(),
  is_correct: Nullable(Type.Boolean()),
  manual_score: Score,
  manual_score_status: Nullable(ManualScoreStatus),
  reviewer_id: Nullable(Type.String()),
  review_comments: Nullable(Type.String()),
  reviewed_at: Nullable(Type.String())
})

/** GET /results/{id} (API.md 2.5) plus the totals and the review's state; answers in question order. */
export const ResultDetail = Type.Object({
  ...Result.properties,
  reviewed_by: Nullable(Type.String()),
  review_completed_at: Nullable(Type.String()),
  answers: Type.Array(ResultAnswer)
})

/** One row of GET /my-submissions (API.md 2.5) plus `test_version`: scores only, no answers or keys (D4). */
export const MySubmission = Type.Object({
  id: Type.String(),
  invite_id: Type.String(),
  test_id: Type.String(),
  test_version: Type.Integer(),
  applicant_email: Type.String(),
  applicant_name: Type.String(),
  invite_token: Type.String(),
  invite_status: Type.Literal('completed'),
  test_title: Type.String(),
  test_description: Type.String(),
  test_duration_minutes: Type.Integer(),
  started_at: Type.String(),
  submitted_at: Type.String(),
  final_score: Score,
  auto_score: Score,
  manual_score: Score,
  scoring_status: ScoringStatus,
  is_monitored: Type.Boolean()
})

/** GET /admin/scoring-queue (API.md 2.6) plus `applicant_name`. */
export const ScoringQueue = Type.Object({
  submissions: Type.Array(Type.Object({
    submission_id: Type.String(),
    applicant_email: Type.String(),
    applicant_name: Type.String(),
    test_title: Type.String(),
    test_id: Type.String(),
    submitted_at: Type.String(),
    scoring_status: ScoringStatus,
    total_answers: Type.Integer(),
    manual_questions: Type.Integer(),
    pending_reviews: Type.Integer()
  }))
})

/** GET /admin/scoring/{id} (API.md 2.6) plus a few fields; answers in question order, multiple choice included. */
export const ScoringDetail = Type.Object({
  submission: Type.Object({
    id: Type.String(),
    applicant_email: Type.String(),
    applicant_name: Type.String(),
    test_id: Type.String(),
    test_title: Type.String(),
    test_description: Type.String(),
    submitted_at: Type.String(),
    auto_score: Score,
    manual_score: Score,
    final_score: Score,
    scoring_status: ScoringStatus,
    reviewed_by: Nullable(Type.String()),
    review_completed_at: Nullable(Type.String())
  }),
  answers: Type.Array(Type.Object({
    id: Type.String(),
    question_id: Type.String(),
    question: Type.String(),
    question_type: QuestionType,
    points: Type.Integer(),
    expected_language: Nullable(Type.String()),
    options: Nullable(Type.Array(Type.String())),
    correct_answer: Nullable(Type.String()),
    answer: Type.String(),
    is_correct: Nullable(Type.Boolean()),
    manual_score: Score,
    manual_score_status: Nullable(ManualScoreStatus),
    reviewer_id: Nullable(Type.String()),
    review_comments: Nullable(Type.String()),
    reviewed_at: Nullable(Type.String())
  }))
})

/**
 * POST /admin/scoring/{id}/answer/{answer_id}: both fields required (422 when missing, D2, superseding
 * the original's 400). The cap at the question's points is checked in the use case.
 */
export const ScoreInputSchema = Type.Object({
  score_status: ManualScoreStatus,
  manual_score: Type.Number({ minimum: 0 }),
  comments: Type.Optional(Nullable(Type.String({ maxLength: 10_000 })))
})

/** The original's message plus the submission's new totals. */
export const ScoreResponse = Type.Object({
  message: Type.String(),
  submission_id: Type.String(),
  scoring_status: ScoringStatus,
  auto_score: Score,
  manual_score: Score,
  final_score: Score
})

/** The original's message plus how many submissions changed. */
export const FixMonitoringResponse = Type.Object({ message: Type.String(), updated: Type.Integer() })
