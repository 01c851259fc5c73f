import { defineError } from '@repo/kit'

// The original's texts (API.md 2.5, 2.6) with this service's stable codes (D3).
/** An unknown or malformed submission id, and one the caller may not read (D2). */
export const SubmissionNotFound = defineError(404, 'GRADING_SUBMISSION_NOT_FOUND', 'Submission not found')
/** An unknown or malformed answer id, or an answer of another submission (the original has no such check). */
export const AnswerNotFound = defineError(404, 'GRADING_ANSWER_NOT_FOUND', 'Answer not found')
/** Multiple choice answers are scored against the key; only essay and coding answers take a reviewer's score. */
export const AnswerNotReviewable = defineError(409, 'GRADING_ANSWER_NOT_REVIEWABLE', 'Only essay and coding answers can be scored by a reviewer')
/** API.md "Out of this version": the Gemini-backed review calls an outside service. */
export const AutoReviewNotImplemented = defineError(501, 'GRADING_NOT_IMPLEMENTED', 'Automatic review is not available in this version; score the answers through POST /api/admin/scoring/{submission_id}/answer/{answer_id}')
