import type { InviteRow, InviteWithTest } from './db/invites.js'
import type { TestVersionRow } from './db/test-versions.js'
import type { TakeTest } from './use-cases/take-test.js'

const iso = (date: Date | null) => date === null ? null : date.toISOString()

/**
 * The original's TestInvite (API.md section 2) plus `test_version` (D9), `extra_minutes`, `started_at`,
 * `expires_at` and `revoked_at`. `admin_scheduled` and `no_schedule` carry their real values; the original's always-false
 * ones were a missing column in its SELECT, not a rule.
 */
export function inviteView (invite: InviteRow) {
  return {
    id: invite.id,
    test_id: invite.testId,
    test_version: invite.testVersion,
    applicant_email: invite.applicantEmail,
    applicant_name: invite.applicantName,
    invited_by: invite.invitedBy,
    invite_token: invite.inviteToken,
    scheduled_date: iso(invite.scheduledDate),
    admin_scheduled: invite.adminScheduled,
    no_schedule: invite.noSchedule,
    status: invite.status,
    email_sent: invite.emailSent,
    email_sent_at: iso(invite.emailSentAt),
    email_error: invite.emailError,
    extra_minutes: invite.extraMinutes,
    started_at: iso(invite.startedAt),
    expires_at: invite.expiresAt.toISOString(),
    revoked_at: iso(invite.revokedAt),
    created_at: invite.createdAt.toISOString()
  }
}

/** The invite as its public by-token read shows it: the e-mail fields are the admin's business, as in the original. */
export function publicInviteView (invite: InviteRow) {
  return { ...inviteView(invite), email_sent: false, email_sent_at: null, email_error: null }
}

/**
 * A pinned version as an applicant sees it: the Test shape without `correct_answer` (D4; the copy never
 * held one). `is_active` is left out: invites of an archived test stay usable, so an applicant has no use for it.
 */
export function applicantTestView (version: TestVersionRow) {
  return {
    id: version.testId,
    title: version.title,
    description: version.description,
    questions: version.questions.map((question) => ({
      id: question.id,
      type: question.type,
      question: question.question,
      options: question.options,
      expected_language: question.expectedLanguage,
      points: question.points
    })),
    duration_minutes: version.durationMinutes,
    created_by: version.createdBy,
    created_at: version.createdAt.toISOString(),
    version: version.version
  }
}

/** One row of GET /my-invites (API.md 2.5) plus `test_version`. */
export function myInviteView ({ invite, version }: InviteWithTest) {
  return {
    id: invite.id,
    test_id: invite.testId,
    test_version: invite.testVersion,
    applicant_email: invite.applicantEmail,
    applicant_name: invite.applicantName,
    status: invite.status,
    invite_token: invite.inviteToken,
    scheduled_date: iso(invite.scheduledDate),
    admin_scheduled: invite.adminScheduled,
    no_schedule: invite.noSchedule,
    created_at: invite.createdAt.toISOString(),
    started_at: iso(invite.startedAt),
    test_title: version.title,
    test_description: version.description,
    test_duration_minutes: version.durationMinutes
  }
}

/** GET /take-test (API.md 2.4): the original's subset, plus the server's clock and the saved answers once started (D11). */
export function takeTestView ({ invite, version, session }: TakeTest) {
  const test = applicantTestView(version)
  return {
    invite: {
      id: invite.id,
      test_id: invite.testId,
      applicant_email: invite.applicantEmail,
      applicant_name: invite.applicantName,
      status: invite.status,
      invite_token: invite.inviteToken,
      started_at: iso(invite.startedAt)
    },
    test: { id: test.id, title: test.title, description: test.description, duration_minutes: test.duration_minutes, questions: test.questions },
    ...(session === null
      ? {}
      : {
          remaining_time_seconds: session.remainingSeconds,
          deadline: session.deadline.toISOString(),
          saved_answers: session.savedAnswers.map((row) => ({ question_id: row.questionId, answer: row.answer, saved_at: row.savedAt.toISOString() }))
        })
  }
}
