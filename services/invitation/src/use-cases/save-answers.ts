import { ValidationFailed } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { findPinnedVersion, lockInviteByToken } from '../db/invites.js'
import { upsertSavedAnswers } from '../db/sessions.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { InactiveTestSession, InviteRevoked, TestNotFound, TestNotStarted, TimeIsUp } from '../errors.js'
import { isInviteToken } from '../tokens.js'
import { isPastGrace } from './session-clock.js'

export type AnswerInput = { question_id: string, answer: string }

/** One answer per question, the last given winning (D13: an answer given twice counts once). */
export function lastAnswerPerQuestion (answers: AnswerInput[]): Map<string, string> {
  const byQuestion = new Map<string, string>()
  for (const answer of answers) byQuestion.set(answer.question_id, answer.answer)
  return byQuestion
}

function checkQuestions (version: TestVersionRow, answers: AnswerInput[]): void {
  const known = new Set(version.questions.map((question) => question.id))
  const errors = answers.flatMap((answer, index) => known.has(answer.question_id)
    ? []
    : [{ loc: ['body', 'answers', index, 'question_id'], msg: `Unknown question id: ${answer.question_id}`, type: 'unknown_question' }])
  if (errors.length > 0) throw new ValidationFailed(errors)
}

/**
 * PUT /take-test/{t}/answers (D11): merges answers into the saved ones while the session is in progress
 * and its deadline plus grace has not passed. The row lock orders it with a submit of the same invite.
 */
export async function saveAnswers (ctx: InvitationContext, token: string, answers: AnswerInput[]): Promise<Date> {
  if (!isInviteToken(token)) throw InactiveTestSession()
  return ctx.db.transaction(async (tx) => {
    const invite = await lockInviteByToken(tx, token)
    if (invite === undefined) throw InactiveTestSession()
    if (invite.status === 'sent' || invite.status === 'scheduled') throw TestNotStarted()
    // An admin ended the session: saying "Time is up" would be untrue.
    if (invite.status === 'revoked') throw InviteRevoked()
    if (invite.status !== 'in_progress') throw TimeIsUp()
    const version = await findPinnedVersion(tx, invite)
    if (version === undefined) throw TestNotFound()
    const now = new Date()
    if (isPastGrace(ctx, invite, version, now)) throw TimeIsUp()
    checkQuestions(version, answers)
    const merged = [...lastAnswerPerQuestion(answers)].map(([questionId, answer]) => ({ questionId, answer }))
    await upsertSavedAnswers(tx, invite.id, merged, now)
    return now
  })
}
