import { Type } from 'typebox'
import { requireRole } from '@repo/auth'
import { PageQuerySchema, type ServiceApp } from '@repo/kit'
import type { IdentityContext } from '../context.js'
import { deleteApplicant } from '../use-cases/delete-applicant.js'
import { listApplicants } from '../use-cases/list-applicants.js'
import { setApplicantStatus } from '../use-cases/set-applicant-status.js'
import { signupRestriction } from '../use-cases/signup-restriction.js'
import { getThemeSettings, saveThemeSettings } from '../use-cases/theme-settings.js'
import { IdParams, Message } from './schemas.js'

const Theme = Type.Object({
  themeName: Type.String({ minLength: 1, maxLength: 100 }),
  customColors: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown())
})

/** DELETE /admin/applicants/{id} (API.md 2.7, D17). */
const ApplicantDeleted = Type.Object({
  message: Type.String(),
  /**
   * The applicant's invites, which the erasure event deletes, as invitation counted them just before the
   * delete. Null when invitation could not answer in time (down or slow): the applicant is deleted all
   * the same, and the invites still go when the event reaches invitation.
   */
  deleted_invites_count: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'Invites erased with the applicant; null when the invitation service could not be asked (the deletion still happened).'
  }),
  applicant_email: Type.String()
})

/** Admin routes guarded by the original's `get_admin_user` ("Not enough permissions"), plus the public signup check. */
export function adminRoutes (app: ServiceApp, ctx: IdentityContext): void {
  const admin = requireRole('admin')

  app.get('/api/admin/applicants', {
    onRequest: admin,
    schema: {
      querystring: PageQuerySchema,
      response: { 200: Type.Array(Type.Object({ id: Type.String(), email: Type.String(), full_name: Type.String(), created_at: Type.String(), is_active: Type.Boolean() })) }
    }
  }, async (request) => {
    const rows = await listApplicants(ctx, request.query)
    return rows.map((user) => ({ id: user.id, email: user.email, full_name: user.fullName, created_at: user.createdAt.toISOString(), is_active: user.isActive }))
  })

  app.put('/api/admin/applicants/:id/status', {
    onRequest: admin,
    schema: {
      params: IdParams,
      body: Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]) }),
      response: { 200: Message }
    }
  }, async (request) => {
    await setApplicantStatus(ctx, request.params.id, request.body.status, { traceId: request.id })
    return { message: `Applicant status updated to ${request.body.status}` }
  })

  app.delete('/api/admin/applicants/:id', {
    onRequest: admin,
    schema: { params: IdParams, response: { 200: ApplicantDeleted } }
  }, async (request) => {
    const { user, deletedInvitesCount } = await deleteApplicant(ctx, request.params.id, { traceId: request.id, authorization: request.headers.authorization ?? '' })
    return {
      message: `Applicant '${user.fullName}' and all associated data deleted successfully`,
      deleted_invites_count: deletedInvitesCount,
      applicant_email: user.email
    }
  })

  app.get('/api/admin/theme-settings', { onRequest: admin, schema: { response: { 200: Theme } } }, async (request) => {
    return getThemeSettings(ctx, request.user.id)
  })

  app.put('/api/admin/theme-settings', {
    onRequest: admin,
    schema: {
      body: Type.Object({ themeName: Theme.properties.themeName, customColors: Type.Optional(Theme.properties.customColors) }),
      response: { 200: Message }
    }
  }, async (request) => {
    await saveThemeSettings(ctx, request.user.id, { themeName: request.body.themeName, customColors: request.body.customColors ?? {} })
    return { message: 'Theme settings updated successfully' }
  })

  app.get('/api/admin/check-signup-restriction', {
    schema: { response: { 200: Type.Object({ admin_exists: Type.Boolean(), allow_admin_signup: Type.Boolean() }) } }
  }, async () => {
    const { adminExists } = await signupRestriction(ctx)
    return { admin_exists: adminExists, allow_admin_signup: !adminExists }
  })
}
