import { Type, type TSchema } from 'typebox'
import { PageQuerySchema } from '@repo/kit'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const Status = Type.Enum(['sent', 'scheduled', 'in_progress', 'completed', 'expired', 'revoked'])

/** POST /invites (API.md 2.3). `test_id` is checked in the handler: a malformed one is "Test not found" (D2). */
export const InviteInputSchema = Type.Object({
  test_id: Type.String({ maxLength: 100 }),
  applicant_email: Type.String({ format: 'email', maxLength: 254 }),
  applicant_name: Type.String({ minLength: 1, maxLength: 255 }),
  scheduled_date: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  admin_scheduled: Type.Boolean({ default: false }),
  no_schedule: Type.Boolean({ default: false })
})

/**
 * GET /invites: the original's filters plus D18 paging. Each filter may be empty (the original frontend
 * sends all three, empty when unused); a date that is not YYYY-MM-DD is 422, not the original's 500.
 */
export const InviteListQuerySchema = Type.Object({
  date_filter: Type.Optional(Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$' })),
  status_filter: Type.Optional(Type.String({ maxLength: 50 })),
  email_search: Type.Optional(Type.String({ maxLength: 254 })),
  ...PageQuerySchema.properties
})

export const ScheduleInputSchema = Type.Object({ scheduled_date: Type.String({ format: 'date-time' }) })

// The token is checked in the handler: a malformed one gives the route's own 404 (D2).
export const TokenParams = Type.Object({ token: Type.String() })

// The id is checked in the handler too: a malformed one is the route's own "Invite not found" (D2).
export const InviteParams = Type.Object({ invite_id: Type.String() })

/** POST /invites/{id}/extend: minutes added to the invite's extra time (a day at most per call). */
export const ExtendInputSchema = Type.Object({ extra_minutes: Type.Integer({ minimum: 1, maximum: 1440 }) })

export const TestInvite = Type.Object({
  id: Type.String(),
  test_id: Type.String(),
  test_version: Type.Integer(),
  applicant_email: Type.String(),
  applicant_name: Type.String(),
  invited_by: Nullable(Type.String()),
  invite_token: Type.String(),
  scheduled_date: Nullable(Type.String()),
  admin_scheduled: Type.Boolean(),
  no_schedule: Type.Boolean(),
  status: Status,
  email_sent: Type.Boolean(),
  email_sent_at: Nullable(Type.String()),
  email_error: Nullable(Type.String()),
  extra_minutes: Type.Integer(),
  started_at: Nullable(Type.String()),
  /** An unstarted invite becomes `expired` then. */
  expires_at: Type.String(),
  revoked_at: Nullable(Type.String()),
  created_at: Type.String()
})

/** A question as applicants see it: no `correct_answer` property exists in this schema (D4). */
const ApplicantQuestion = Type.Object({
  id: Type.String(),
  type: Type.Enum(['multiple_choice', 'coding', 'essay']),
  question: Type.String(),
  options: Nullable(Type.Array(Type.String())),
  expected_language: Nullable(Type.String()),
  points: Type.Integer()
})

export const ApplicantTest = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  questions: Type.Array(ApplicantQuestion),
  duration_minutes: Type.Integer(),
  created_by: Nullable(Type.String()),
  created_at: Type.String(),
  version: Type.Integer()
})

export const MyInvite = Type.Object({
  id: Type.String(),
  test_id: Type.String(),
  test_version: Type.Integer(),
  applicant_email: Type.String(),
  applicant_name: Type.String(),
  status: Status,
  invite_token: Type.String(),
  scheduled_date: Nullable(Type.String()),
  admin_scheduled: Type.Boolean(),
  no_schedule: Type.Boolean(),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  test_title: Type.String(),
  test_description: Type.String(),
  test_duration_minutes: Type.Integer()
})

export const Message = Type.Object({ message: Type.String() })

/** An answer as the applicant sends it: a missing or non-string `answer` is 422 (API.md 2.4). */
const AnswerInput = Type.Object({ question_id: Type.String({ maxLength: 100 }), answer: Type.String({ maxLength: 100_000 }) })

/** PUT /take-test/{t}/answers (D11) and POST /submit-test/{t} (D12). */
export const AnswersInputSchema = Type.Object({ answers: Type.Array(AnswerInput, { maxItems: 1000 }) })

/** GET /take-test/{t} (API.md 2.4, D11): the clock and the saved answers appear once the test is started. */
export const TakeTestResponse = Type.Object({
  invite: Type.Object({
    id: Type.String(),
    test_id: Type.String(),
    applicant_email: Type.String(),
    applicant_name: Type.String(),
    status: Status,
    invite_token: Type.String(),
    started_at: Nullable(Type.String())
  }),
  test: Type.Object({
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    duration_minutes: Type.Integer(),
    questions: Type.Array(ApplicantQuestion)
  }),
  remaining_time_seconds: Type.Optional(Type.Integer()),
  deadline: Type.Optional(Type.String()),
  saved_answers: Type.Optional(Type.Array(Type.Object({ question_id: Type.String(), answer: Type.String(), saved_at: Type.String() })))
})

export const StartTestResponse = Type.Object({ message: Type.String(), status: Status })

export const SavedAnswersResponse = Type.Object({ saved_at: Type.String() })

/** D12: the scores stay null until grading has run. */
export const SubmitTestResponse = Type.Object({
  message: Type.String(),
  submission_id: Type.String(),
  scoring_status: Type.String(),
  needs_manual_review: Type.Boolean(),
  score: Type.Null(),
  auto_score: Type.Null(),
  final_score: Type.Null()
})

/** The applicant fields of POST /invites; each row of a bulk request is checked against them on its own. */
export const ApplicantFieldsSchema = Type.Pick(InviteInputSchema, ['applicant_email', 'applicant_name'])

/**
 * POST /invites/bulk: the fields of POST /invites shared by every row, plus up to 500 applicants. Rows are
 * only required to be objects here: a bad e-mail or name fails that row, not the request.
 */
export const BulkInviteInputSchema = Type.Object({
  test_id: Type.String({ maxLength: 100 }),
  scheduled_date: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  admin_scheduled: Type.Boolean({ default: false }),
  no_schedule: Type.Boolean({ default: false }),
  applicants: Type.Array(Type.Object({
    applicant_email: Type.Optional(Type.String({ maxLength: 1000 })),
    applicant_name: Type.Optional(Type.String({ maxLength: 1000 }))
  }), { minItems: 1, maxItems: 500 })
})

/** One result per applicant, in input order. */
export const BulkInviteResponse = Type.Object({
  created: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(Type.Union([
    Type.Object({ index: Type.Integer(), applicant_email: Type.String(), status: Type.Literal('created'), invite: TestInvite }),
    Type.Object({ index: Type.Integer(), applicant_email: Type.String(), status: Type.Literal('failed'), error: Type.Object({ detail: Type.String(), code: Type.String() }) })
  ]))
})

/** POST /invites/{id}/retry-email: always 200, as the original (API.md 2.3). */
export const RetryEmailResponse = Type.Object({ message: Type.String(), email_sent: Type.Boolean() })

/** GET/PUT /admin/email-settings (API.md 2.7): camelCase, as the original's frontend sends and reads it. */
export const EmailSettingsSchema = Type.Object({
  smtpHost: Type.String(),
  smtpPort: Type.Integer(),
  smtpUser: Type.String(),
  smtpPassword: Type.String(),
  fromEmail: Type.String(),
  fromName: Type.String()
})

// A host name or IPv4 address, or an IPv6 address without brackets; empty: no server of one's own.
const SMTP_HOST = '^([A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45})?$'

/** PUT /admin/email-settings: an omitted field keeps its saved value; the password as D14 says (see email-settings.ts). */
export const EmailSettingsInputSchema = Type.Object({
  smtpHost: Type.Optional(Type.String({ maxLength: 253, pattern: SMTP_HOST })),
  smtpPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  smtpUser: Type.Optional(Type.String({ maxLength: 320 })),
  smtpPassword: Type.Optional(Type.String({ maxLength: 1024 })),
  fromEmail: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })])),
  // One header line: no line breaks.
  fromName: Type.Optional(Type.String({ maxLength: 255, pattern: '^[^\\r\\n]*$' }))
})

export const EmailTestInputSchema = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) })
