import { ValidationFailed, type ValidationIssue } from '@repo/kit'
import type { QuestionContent, TestContent } from './db/tests.js'
import type { TestInput } from './routes/schemas.js'

/**
 * Turns a validated request body into a version's content, applying the rules a schema cannot say
 * (issue 4): a multiple-choice question needs at least two distinct options and a correct answer that
 * is one of them. Coding and essay questions have no options (any sent are dropped), as the original
 * stored an empty list as NULL. Every problem is reported at once, each under its field.
 */
export function toTestContent (input: TestInput): TestContent {
  const issues: ValidationIssue[] = []
  const questions = input.questions.map((question, index): QuestionContent => {
    const at = (field: string) => ['body', 'questions', index, field]
    const options = question.type === 'multiple_choice' ? question.options ?? [] : null
    const correctAnswer = question.correct_answer ?? null
    if (options !== null) {
      if (options.length < 2) {
        issues.push({ loc: at('options'), msg: 'A multiple-choice question needs at least 2 options', type: 'too_short' })
      } else if (new Set(options).size !== options.length) {
        issues.push({ loc: at('options'), msg: 'Options must be distinct', type: 'unique_items' })
      }
      if (correctAnswer === null || !options.includes(correctAnswer)) {
        issues.push({ loc: at('correct_answer'), msg: 'The correct answer must be one of the options', type: 'value_error' })
      }
    }
    return {
      type: question.type,
      question: question.question,
      options,
      correctAnswer,
      expectedLanguage: question.expected_language ?? null,
      points: question.points
    }
  })
  if (issues.length > 0) throw new ValidationFailed(issues)
  return { title: input.title, description: input.description, durationMinutes: input.duration_minutes, questions }
}
