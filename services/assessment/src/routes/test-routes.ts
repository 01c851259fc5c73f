import { Type } from 'typebox'
import { requireRole } from '@repo/auth'
import { ErrorResponseSchema, PageQuerySchema, type ServiceApp } from '@repo/kit'
import type { AssessmentContext } from '../context.js'
import { AutoGenerateNotImplemented } from '../errors.js'
import { toTestContent } from '../test-content.js'
import { createTest } from '../use-cases/create-test.js'
import { deleteTest } from '../use-cases/delete-test.js'
import { forceDeleteTest } from '../use-cases/force-delete-test.js'
import { getTest } from '../use-cases/get-test.js'
import { getTestVersion } from '../use-cases/get-test-version.js'
import { listTestVersions } from '../use-cases/list-test-versions.js'
import { listTests } from '../use-cases/list-tests.js'
import { updateTest } from '../use-cases/update-test.js'
import { testView, versionSummaryView } from '../views.js'
import { IdParams, Test, TestInputSchema, VersionParams, VersionSummary } from './schemas.js'

/** The original's /tests routes (API.md 2.2), all behind `get_admin_user` ("Not enough permissions"). */
export function testRoutes (app: ServiceApp, ctx: AssessmentContext): void {
  const admin = requireRole('admin')

  app.post('/api/tests', { onRequest: admin, schema: { body: TestInputSchema, response: { 200: Test } } }, async (request) => {
    return testView(await createTest(ctx, request.user.id, toTestContent(request.body), { traceId: request.id }))
  })

  app.get('/api/tests', { onRequest: admin, schema: { querystring: PageQuerySchema, response: { 200: Type.Array(Test) } } }, async (request) => {
    return (await listTests(ctx, request.query)).map(testView)
  })

  // API.md "Out of this version": the Gemini-backed generator calls an outside service. Admins only, like the original.
  app.post('/api/tests/auto-generate', { onRequest: admin, schema: { response: { 501: ErrorResponseSchema } } }, async () => {
    throw AutoGenerateNotImplemented()
  })

  app.get('/api/tests/:id', { onRequest: admin, schema: { params: IdParams, response: { 200: Test } } }, async (request) => {
    return testView(await getTest(ctx, request.params.id))
  })

  app.put('/api/tests/:id', { onRequest: admin, schema: { params: IdParams, body: TestInputSchema, response: { 200: Test } } }, async (request) => {
    return testView(await updateTest(ctx, request.user.id, request.params.id, toTestContent(request.body), { traceId: request.id }))
  })

  app.delete('/api/tests/:id', {
    onRequest: admin,
    schema: { params: IdParams, response: { 200: Type.Object({ message: Type.String() }) } }
  }, async (request) => {
    const { title } = await deleteTest(ctx, request.params.id, { traceId: request.id })
    return { message: `Test '${title}' has been deleted successfully` }
  })

  app.delete('/api/tests/:id/force', {
    onRequest: admin,
    schema: {
      params: IdParams,
      response: { 200: Type.Object({ message: Type.String(), deleted_invites: Type.Integer(), force_deleted: Type.Literal(true) }) }
    }
  }, async (request) => {
    const { title, deletedInvites } = await forceDeleteTest(ctx, request.params.id, { traceId: request.id })
    return { message: `Test '${title}' and all associated data have been force deleted successfully`, deleted_invites: deletedInvites, force_deleted: true as const }
  })

  app.get('/api/tests/:id/versions', {
    onRequest: admin,
    schema: { params: IdParams, response: { 200: Type.Array(VersionSummary) } }
  }, async (request) => {
    return (await listTestVersions(ctx, request.params.id)).map(versionSummaryView)
  })

  app.get('/api/tests/:id/versions/:version', {
    onRequest: admin,
    schema: { params: VersionParams, response: { 200: Test } }
  }, async (request) => {
    return testView(await getTestVersion(ctx, request.params.id, request.params.version))
  })
}
