import type { Static } from 'typebox'
import { Value } from 'typebox/value'
import { requireRole } from '@repo/auth'
import { ErrorCodes, summarize, toValidationIssues, type ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { createInvitesInBulk, type BulkRow } from '../use-cases/create-invites-in-bulk.js'
import { inviteView } from '../views.js'
import { ApplicantFieldsSchema, BulkInviteInputSchema, BulkInviteResponse } from './schemas.js'

type Applicant = Static<typeof BulkInviteInputSchema>['applicants'][number]

/**
 * A row checked against POST /invites's own rules for the applicant fields; a failure reads like that
 * route's 422 summary, located in the bulk body (`body.applicants.3.applicant_email: ...`).
 */
function checkRow (row: Applicant, index: number): BulkRow | { index: number, detail: string } {
  if (Value.Check(ApplicantFieldsSchema, row)) return { index, applicantEmail: row.applicant_email, applicantName: row.applicant_name }
  const issues = toValidationIssues('body', [...Value.Errors(ApplicantFieldsSchema, row)])
    .map((issue) => ({ ...issue, loc: ['body', 'applicants', index, ...issue.loc.slice(1)] }))
  return { index, detail: summarize(issues) }
}

/** POST /invites/bulk (not in the original): many applicants for one test, each row succeeding or failing alone. */
export function bulkInviteRoutes (app: ServiceApp, ctx: InvitationContext): void {
  app.post('/api/invites/bulk', {
    onRequest: requireRole('admin'),
    schema: { body: BulkInviteInputSchema, response: { 200: BulkInviteResponse } }
  }, async (request) => {
    const body = request.body
    const checked = body.applicants.map(checkRow)
    const valid = checked.filter((row): row is BulkRow => 'applicantEmail' in row)
    const invites = await createInvitesInBulk(ctx, request.user.id, {
      testId: body.test_id,
      scheduledDate: body.scheduled_date === undefined || body.scheduled_date === null ? null : new Date(body.scheduled_date),
      adminScheduled: body.admin_scheduled,
      noSchedule: body.no_schedule
    }, valid, { traceId: request.id, authorization: request.headers.authorization ?? '' })
    const results = checked.map((row) => {
      const applicantEmail = body.applicants[row.index]?.applicant_email ?? ''
      const invite = invites.get(row.index)
      if (invite !== undefined) return { index: row.index, applicant_email: applicantEmail, status: 'created' as const, invite: inviteView(invite) }
      const detail = 'detail' in row ? row.detail : 'The invite was not created'
      return { index: row.index, applicant_email: applicantEmail, status: 'failed' as const, error: { detail, code: ErrorCodes.validationFailed } }
    })
    const created = results.filter((result) => result.status === 'created').length
    return { created, failed: results.length - created, results }
  })
}
