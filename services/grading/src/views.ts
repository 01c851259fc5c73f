import type { AnswerRow, QueueRow, SubmissionWithTest } from './db/results.js'
import type { KeyedQuestion } from './db/schema.js'
import type { ResultDetail } from './use-cases/get-result.js'

const iso = (date: Date | null) => date === null ? null : date.toISOString()

/** One row of GET /results (API.md 2.5): `score` is the final score, as the original frontend reads it. */
export function resultView ({ submission, test }: SubmissionWithTest) {
  return {
    submission_id: submission.id,
    invite_id: submission.inviteId,
    test_id: submission.testId,
    test_version: submission.testVersion,
    applicant_name: submission.applicantName,
    applicant_email: submission.applicantEmail,
    test_title: test.title,
    test_duration_minutes: test.durationMinutes,
    score: submission.finalScore,
    auto_score: submission.autoScore,
    manual_score: submission.manualScore,
    final_score: submission.finalScore,
    scoring_status: submission.scoringStatus,
    submitted_at: submission.submittedAt.toISOString(),
    started_at: submission.startedAt.toISOString(),
    auto_submitted: submission.autoSubmitted,
    is_monitored: submission.isMonitored
  }
}

/**
 * An answer with its question from the pinned version. A question the version does not name cannot
 * occur (answers are written from that version), so the fallbacks only keep the shape.
 */
function answerView (answer: AnswerRow, question: KeyedQuestion | undefined) {
  return {
    id: answer.id,
    question_id: answer.questionId,
    question: question?.question ?? '',
    question_type: answer.questionType,
    options: question?.options ?? null,
    expected_language: question?.expectedLanguage ?? null,
    answer: answer.answer,
    correct_answer: question?.correctAnswer ?? null,
    points: answer.points,
    is_correct: answer.isCorrect,
    manual_score: answer.manualScore,
    manual_score_status: answer.manualScoreStatus,
    reviewer_id: answer.reviewerId,
    review_comments: answer.reviewComments,
    reviewed_at: iso(answer.reviewedAt)
  }
}

function answerViews ({ version, answers }: ResultDetail) {
  const questions = new Map(version.questions.map((question) => [question.id, question]))
  return answers.map((answer) => answerView(answer, questions.get(answer.questionId)))
}

/** GET /results/{id} (API.md 2.5), answers in question order, keys included (admins only). */
export function resultDetailView (detail: ResultDetail) {
  const { submission, version } = detail
  return {
    ...resultView({ submission, test: version }),
    reviewed_by: submission.reviewedBy,
    review_completed_at: iso(submission.reviewCompletedAt),
    answers: answerViews(detail)
  }
}

/** GET /admin/scoring/{id} (API.md 2.6). */
export function scoringDetailView (detail: ResultDetail) {
  const { submission, version } = detail
  return {
    submission: {
      id: submission.id,
      applicant_email: submission.applicantEmail,
      applicant_name: submission.applicantName,
      test_id: submission.testId,
      test_title: version.title,
      test_description: version.description,
      submitted_at: submission.submittedAt.toISOString(),
      auto_score: submission.autoScore,
      manual_score: submission.manualScore,
      final_score: submission.finalScore,
      scoring_status: submission.scoringStatus,
      reviewed_by: submission.reviewedBy,
      review_completed_at: iso(submission.reviewCompletedAt)
    },
    answers: answerViews(detail)
  }
}

/**
 * One row of GET /my-submissions (API.md 2.5): the applicant's own scores, never an answer or a key
 * (D4). A submission's invite is always completed.
 */
export function mySubmissionView ({ submission, test }: SubmissionWithTest) {
  return {
    id: submission.id,
    invite_id: submission.inviteId,
    test_id: submission.testId,
    test_version: submission.testVersion,
    applicant_email: submission.applicantEmail,
    applicant_name: submission.applicantName,
    invite_token: submission.inviteToken,
    invite_status: 'completed' as const,
    test_title: test.title,
    test_description: test.description,
    test_duration_minutes: test.durationMinutes,
    started_at: submission.startedAt.toISOString(),
    submitted_at: submission.submittedAt.toISOString(),
    final_score: submission.finalScore,
    auto_score: submission.autoScore,
    manual_score: submission.manualScore,
    scoring_status: submission.scoringStatus,
    is_monitored: submission.isMonitored
  }
}

/** One row of GET /admin/scoring-queue (API.md 2.6). */
export function queueView (row: QueueRow) {
  return {
    submission_id: row.submission.id,
    applicant_email: row.submission.applicantEmail,
    applicant_name: row.submission.applicantName,
    test_title: row.test.title,
    test_id: row.submission.testId,
    submitted_at: row.submission.submittedAt.toISOString(),
    scoring_status: row.submission.scoringStatus,
    total_answers: row.totalAnswers,
    manual_questions: row.manualQuestions,
    pending_reviews: row.pendingReviews
  }
}

/** The CSV export's columns, in order: the header row and each row's cells. */
export const CSV_COLUMNS = [
  'submission_id', 'applicant_name', 'applicant_email', 'test_id', 'test_title', 'test_version', 'started_at', 'submitted_at',
  'auto_submitted', 'scoring_status', 'score', 'auto_score', 'manual_score', 'is_monitored', 'reviewed_by', 'review_completed_at'
] as const

/** One CSV row per submission; nulls are empty cells. */
export function csvRow ({ submission, test }: SubmissionWithTest): Record<typeof CSV_COLUMNS[number], string | number | boolean | null> {
  return {
    submission_id: submission.id,
    applicant_name: submission.applicantName,
    applicant_email: submission.applicantEmail,
    test_id: submission.testId,
    test_title: test.title,
    test_version: submission.testVersion,
    started_at: submission.startedAt.toISOString(),
    submitted_at: submission.submittedAt.toISOString(),
    auto_submitted: submission.autoSubmitted,
    scoring_status: submission.scoringStatus,
    score: submission.finalScore,
    auto_score: submission.autoScore,
    manual_score: submission.manualScore,
    is_monitored: submission.isMonitored,
    reviewed_by: submission.reviewedBy,
    review_completed_at: iso(submission.reviewCompletedAt)
  }
}
