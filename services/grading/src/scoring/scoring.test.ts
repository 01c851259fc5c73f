import { describe, expect, it } from 'vitest'
import type { KeyedQuestion } from '../db/schema.js'
import { computeTotals, isValidManualScore, NOT_ATTEMPTED, scoreAnswers, type ScoredAnswer } from './scoring.js'

const mcq = (id: string, key: string, points: number, order: number): KeyedQuestion =>
  ({ id, type: 'multiple_choice', question: `Q ${id}`, options: [key, 'other'], correctAnswer: key, expectedLanguage: null, points, order })
const essay = (id: string, points: number, order: number): KeyedQuestion =>
  ({ id, type: 'essay', question: `Q ${id}`, options: null, correctAnswer: null, expectedLanguage: null, points, order })
const coding = (id: string, points: number, order: number): KeyedQuestion =>
  ({ id, type: 'coding', question: `Q ${id}`, options: null, correctAnswer: 'print(1)', expectedLanguage: 'python', points, order })

/** A reviewer's verdict on one row, as the score-an-answer route records it. */
const review = (rows: ScoredAnswer[], questionId: string, status: 'correct' | 'wrong' | 'partial' | 'pending', score: number | null): ScoredAnswer[] =>
  rows.map((row) => row.questionId === questionId ? { ...row, manualScoreStatus: status, manualScore: status === 'pending' ? null : score } : row)

describe('scoreAnswers', () => {
  it('scores multiple choice by exact, case-sensitive text without trimming, one row per question in order', () => {
    const questions = [mcq('b', 'SELECT', 2, 1), mcq('a', 'Yes', 1, 0), mcq('c', 'x', 3, 2), mcq('d', 'k', 1, 3)]
    const rows = scoreAnswers(questions, [
      { questionId: 'a', answer: 'Yes' },
      { questionId: 'b', answer: 'select' },
      { questionId: 'c', answer: 'x ' },
      { questionId: 'unknown', answer: 'dropped' }
    ])
    expect(rows.map((row) => [row.questionId, row.answer, row.isCorrect])).toEqual([
      ['a', 'Yes', true], ['b', 'select', false], ['c', 'x ', false], ['d', '', false]
    ])
  })

  it('counts an answer given twice for one question once (D13: the first one)', () => {
    const rows = scoreAnswers([mcq('a', 'Yes', 2, 0)], [{ questionId: 'a', answer: 'Yes' }, { questionId: 'a', answer: 'Yes' }])
    expect(rows).toHaveLength(1)
    expect(computeTotals(rows)).toMatchObject({ autoScore: 100, finalScore: 100 })
  })

  it('leaves attempted essay and coding answers pending and marks empty ones wrong with 0 points', () => {
    const rows = scoreAnswers([essay('e', 5, 0), coding('c', 3, 1)], [{ questionId: 'e', answer: 'An outage story' }, { questionId: 'c', answer: '   ' }])
    expect(rows.map((row) => [row.manualScoreStatus, row.manualScore, row.reviewComments, row.isCorrect])).toEqual([
      ['pending', null, null, null], ['wrong', 0, NOT_ATTEMPTED, null]
    ])
  })
})

describe('computeTotals', () => {
  it('a multiple choice test is auto_only: 3 of 5 points is 60', () => {
    const rows = scoreAnswers([mcq('a', 'A', 2, 0), mcq('b', 'B', 3, 1)], [{ questionId: 'a', answer: 'no' }, { questionId: 'b', answer: 'B' }])
    expect(computeTotals(rows)).toEqual({ autoScore: 60, manualScore: null, finalScore: 60, scoringStatus: 'auto_only' })
  })

  it('a test without points scores 0 rather than dividing by zero', () => {
    const rows = scoreAnswers([mcq('a', 'A', 0, 0)], [{ questionId: 'a', answer: 'A' }])
    expect(computeTotals(rows)).toEqual({ autoScore: 0, manualScore: null, finalScore: 0, scoringStatus: 'auto_only' })
  })

  it('walks a mixed test through every status with the points-weighted final score', () => {
    // 2 MCQ points (earned), essay 5, coding 3: 10 points in all.
    let rows = scoreAnswers([mcq('m', 'A', 2, 0), essay('e', 5, 1), coding('c', 3, 2)], [
      { questionId: 'm', answer: 'A' }, { questionId: 'e', answer: 'text' }, { questionId: 'c', answer: 'code' }
    ])
    // Before any review: 2 of 10.
    expect(computeTotals(rows)).toEqual({ autoScore: 100, manualScore: null, finalScore: 20, scoringStatus: 'needs_review' })
    // Essay partial 3 of 5: (2 + 3) / 10.
    rows = review(rows, 'e', 'partial', 3)
    expect(computeTotals(rows)).toEqual({ autoScore: 100, manualScore: 3, finalScore: 50, scoringStatus: 'partially_reviewed' })
    // Coding correct 3 of 3: (2 + 3 + 3) / 10.
    rows = review(rows, 'c', 'correct', 3)
    expect(computeTotals(rows)).toEqual({ autoScore: 100, manualScore: 6, finalScore: 80, scoringStatus: 'fully_reviewed' })
    // A reviewer sets the essay back to pending: partially reviewed again, its points gone.
    rows = review(rows, 'e', 'pending', null)
    expect(computeTotals(rows)).toEqual({ autoScore: 100, manualScore: 3, finalScore: 50, scoringStatus: 'partially_reviewed' })
  })

  it('a mixed test whose MCQ was wrong weights by points, not by percentages (the original mixed units)', () => {
    // MCQ 4 points wrong, essay 1 point correct: (0 + 1) / 5 = 20, where the original gave 0% + 1 point.
    let rows = scoreAnswers([mcq('m', 'A', 4, 0), essay('e', 1, 1)], [{ questionId: 'm', answer: 'B' }, { questionId: 'e', answer: 'yes' }])
    rows = review(rows, 'e', 'correct', 1)
    expect(computeTotals(rows)).toEqual({ autoScore: 0, manualScore: 1, finalScore: 20, scoringStatus: 'fully_reviewed' })
  })

  it('a manual-only test: 0 before review, then manual points over manual points', () => {
    let rows = scoreAnswers([essay('a', 4, 0), essay('b', 2, 1)], [{ questionId: 'a', answer: 'x' }, { questionId: 'b', answer: 'y' }])
    expect(computeTotals(rows)).toEqual({ autoScore: 0, manualScore: null, finalScore: 0, scoringStatus: 'needs_review' })
    rows = review(rows, 'a', 'wrong', 0)
    expect(computeTotals(rows)).toEqual({ autoScore: 0, manualScore: 0, finalScore: 0, scoringStatus: 'partially_reviewed' })
    rows = review(rows, 'b', 'partial', 1)
    // 1 of 6 points = 16.666… → 16.67.
    expect(computeTotals(rows)).toEqual({ autoScore: 0, manualScore: 1, finalScore: 16.67, scoringStatus: 'fully_reviewed' })
  })

  it('a test whose manual answers are all empty is fully reviewed at once', () => {
    const rows = scoreAnswers([mcq('m', 'A', 1, 0), essay('e', 3, 1)], [{ questionId: 'm', answer: 'A' }])
    expect(computeTotals(rows)).toEqual({ autoScore: 100, manualScore: 0, finalScore: 25, scoringStatus: 'fully_reviewed' })
  })

  it('an empty answer auto-marked wrong does not make a test partially reviewed', () => {
    const rows = scoreAnswers([essay('a', 2, 0), essay('b', 2, 1)], [{ questionId: 'a', answer: 'text' }])
    expect(computeTotals(rows).scoringStatus).toBe('needs_review')
  })
})

describe('isValidManualScore', () => {
  it('takes 0 up to the question\'s points and nothing else', () => {
    expect([0, 2.5, 5].map((score) => isValidManualScore(5, score))).toEqual([true, true, true])
    expect([-1, 5.01, Number.NaN, Number.POSITIVE_INFINITY].map((score) => isValidManualScore(5, score))).toEqual([false, false, false, false])
  })
})
