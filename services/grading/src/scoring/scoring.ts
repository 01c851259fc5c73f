import type { KeyedQuestion, ManualScoreStatus, QuestionType, ScoringStatus } from '../db/schema.js'

/** One answer row as scoring sees it: the question's facts and the score so far. */
export type ScoredAnswer = {
  questionId: string
  questionOrder: number
  questionType: QuestionType
  points: number
  answer: string
  /** Multiple choice: exact match with the key. Null for essay and coding. */
  isCorrect: boolean | null
  /** Essay and coding: the points given (null while pending). Null for multiple choice. */
  manualScore: number | null
  /** Essay and coding: pending until reviewed. Null for multiple choice. */
  manualScoreStatus: ManualScoreStatus | null
  /** Set on empty essay and coding answers, which are wrong without a review (API.md rule 4). */
  reviewComments: string | null
}

/** What a submission row shows (API.md rules 3 and 4 with D13). */
export type Totals = {
  /** Multiple choice points earned over multiple choice points, as a percentage; 0 without any. */
  autoScore: number
  /** Raw points given to essay and coding answers so far; null until one of them is scored. */
  manualScore: number | null
  /** (earned multiple choice points + manual points) / all points × 100; 0 when the test has no points. */
  finalScore: number
  scoringStatus: ScoringStatus
}

export const NOT_ATTEMPTED = 'Not attempted'

const isManual = (type: QuestionType) => type !== 'multiple_choice'

/** Rounds to 2 decimals, so 1/3 is stored as 33.33 and equal inputs always give equal scores. */
const round2 = (value: number) => Math.round(value * 100) / 100

/**
 * The answer rows of a new submission: one per question of the pinned version, in its order. Multiple
 * choice is scored by exact, case-sensitive equality with the key (no trimming: the option text is what
 * the applicant picked). An essay or coding answer waits for a reviewer, unless it is empty: then it is
 * wrong with 0 points at once (API.md rule 4), since there is nothing to review. `answers` holds one
 * answer per question (invitation's submission does; a duplicate here is ignored, D13).
 */
export function scoreAnswers (questions: KeyedQuestion[], answers: { questionId: string, answer: string }[]): ScoredAnswer[] {
  const given = new Map<string, string>()
  for (const { questionId, answer } of answers) if (!given.has(questionId)) given.set(questionId, answer)
  return [...questions].sort((a, b) => a.order - b.order).map((question): ScoredAnswer => {
    const answer = given.get(question.id) ?? ''
    const base = { questionId: question.id, questionOrder: question.order, questionType: question.type, points: question.points, answer }
    if (!isManual(question.type)) {
      return { ...base, isCorrect: question.correctAnswer !== null && answer === question.correctAnswer, manualScore: null, manualScoreStatus: null, reviewComments: null }
    }
    if (answer.trim() === '') return { ...base, isCorrect: null, manualScore: 0, manualScoreStatus: 'wrong', reviewComments: NOT_ATTEMPTED }
    return { ...base, isCorrect: null, manualScore: null, manualScoreStatus: 'pending', reviewComments: null }
  })
}

/**
 * A submission's totals from its answer rows, after grading and after every review.
 * - No essay or coding question: `auto_only`.
 * - Some still pending: `needs_review` while no attempted one has been scored by a reviewer, then
 *   `partially_reviewed`.
 * - None pending: `fully_reviewed` (also at once when every manual answer was empty).
 * The final score is always points-weighted over all questions (D13), so it means the same thing at
 * every status; while answers are pending they count 0.
 */
export function computeTotals (rows: Pick<ScoredAnswer, 'questionType' | 'points' | 'isCorrect' | 'manualScore' | 'manualScoreStatus' | 'answer'>[]): Totals {
  let mcqPoints = 0
  let mcqEarned = 0
  let allPoints = 0
  let manualEarned = 0
  let manualCount = 0
  let pending = 0
  let reviewedAttempted = 0
  let anyManualScored = false
  for (const row of rows) {
    allPoints += row.points
    if (!isManual(row.questionType)) {
      mcqPoints += row.points
      if (row.isCorrect === true) mcqEarned += row.points
      continue
    }
    manualCount++
    if (row.manualScoreStatus === 'pending' || row.manualScoreStatus === null) {
      pending++
      continue
    }
    anyManualScored = true
    manualEarned += row.manualScore ?? 0
    if (row.answer.trim() !== '') reviewedAttempted++
  }
  const autoScore = mcqPoints === 0 ? 0 : round2(mcqEarned / mcqPoints * 100)
  const finalScore = allPoints === 0 ? 0 : round2((mcqEarned + manualEarned) / allPoints * 100)
  let scoringStatus: ScoringStatus
  if (manualCount === 0) scoringStatus = 'auto_only'
  else if (pending === 0) scoringStatus = 'fully_reviewed'
  else if (reviewedAttempted === 0) scoringStatus = 'needs_review'
  else scoringStatus = 'partially_reviewed'
  return { autoScore, manualScore: anyManualScored ? round2(manualEarned) : null, finalScore, scoringStatus }
}

/** Whether a reviewer's points fit the question (issue 6: capped at the question's points; 422 above). */
export function isValidManualScore (points: number, score: number): boolean {
  return Number.isFinite(score) && score >= 0 && score <= points
}
