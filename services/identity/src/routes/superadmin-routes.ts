import { Type } from 'typebox'
import { requireRoleWith } from '@repo/auth'
import { PageQuerySchema, type ServiceApp } from '@repo/kit'
import type { IdentityContext } from '../context.js'
import { changeAdminPassword } from '../use-cases/change-admin-password.js'
import { createAdmin } from '../use-cases/create-admin.js'
import { deleteAdmin } from '../use-cases/delete-admin.js'
import { listAdmins } from '../use-cases/list-admins.js'
import { describeFirstAdmin } from '../use-cases/superadmin.js'
import { AdminIdParams, Email, FullName, Message, NewPassword } from './schemas.js'

const AdminSummary = Type.Object({ id: Type.String(), email: Type.String(), full_name: Type.String(), created_at: Type.String() })

/**
 * The superadmin's routes. The original guards them inline: a non-admin gets "Admin access required",
 * an admin who is not the superadmin gets the route's own sentence (see use-cases/superadmin.ts).
 */
export function superadminRoutes (app: ServiceApp, ctx: IdentityContext): void {
  const adminStar = requireRoleWith({ roles: ['admin'], detail: 'Admin access required' })

  app.get('/api/admin/is-first-admin', {
    onRequest: adminStar,
    schema: { response: { 200: Type.Object({ is_first_admin: Type.Boolean(), first_admin: Type.Union([AdminSummary, Type.Null()]) }) } }
  }, async (request) => {
    const { isFirstAdmin, firstAdmin } = await describeFirstAdmin(ctx, request.user.id)
    return {
      is_first_admin: isFirstAdmin,
      first_admin: firstAdmin === undefined ? null : { id: firstAdmin.id, email: firstAdmin.email, full_name: firstAdmin.fullName, created_at: firstAdmin.createdAt.toISOString() }
    }
  })

  app.get('/api/admin/list-admins', {
    onRequest: adminStar,
    schema: {
      querystring: PageQuerySchema,
      response: { 200: Type.Array(Type.Object({ ...AdminSummary.properties, is_active: Type.Boolean(), is_first_admin: Type.Boolean() })) }
    }
  }, async (request) => {
    const { admins, superadminId } = await listAdmins(ctx, request.user.id, request.query)
    return admins.map((admin) => ({
      id: admin.id, email: admin.email, full_name: admin.fullName, created_at: admin.createdAt.toISOString(), is_active: admin.isActive, is_first_admin: admin.id === superadminId
    }))
  })

  app.post('/api/admin/create-admin', {
    onRequest: adminStar,
    schema: {
      body: Type.Object({ email: Email, password: NewPassword, full_name: FullName }),
      response: {
        200: Type.Object({
          message: Type.String(),
          admin: Type.Object({ id: Type.String(), email: Type.String(), full_name: Type.String(), role: Type.Literal('admin') })
        })
      }
    }
  }, async (request) => {
    const { email, password, full_name: fullName } = request.body
    const admin = await createAdmin(ctx, request.user.id, { email, password, fullName })
    return { message: 'Admin created successfully', admin: { id: admin.id, email: admin.email, full_name: admin.fullName, role: 'admin' as const } }
  })

  app.put('/api/admin/change-password/:admin_id', {
    onRequest: adminStar,
    schema: { params: AdminIdParams, body: Type.Object({ new_password: NewPassword }), response: { 200: Message } }
  }, async (request) => {
    const admin = await changeAdminPassword(ctx, request.user.id, request.params.admin_id, request.body.new_password, { traceId: request.id })
    return { message: `Password changed successfully for ${admin.email}` }
  })

  app.delete('/api/admin/delete-admin/:admin_id', {
    onRequest: adminStar,
    schema: { params: AdminIdParams, response: { 200: Message } }
  }, async (request) => {
    const admin = await deleteAdmin(ctx, request.user.id, request.params.admin_id, { traceId: request.id })
    return { message: `Admin ${admin.email} deleted successfully` }
  })
}
