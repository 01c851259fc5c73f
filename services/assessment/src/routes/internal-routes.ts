import { requireRole } from '@repo/auth'
import { catalog } from '@repo/events'
import type { ServiceApp } from '@repo/kit'
import type { AssessmentContext } from '../context.js'
import { getTest } from '../use-cases/get-test.js'
import { getTestVersion } from '../use-cases/get-test-version.js'
import { publishedTest } from '../views.js'
import { IdParams, VersionParams } from './schemas.js'

/**
 * Service-to-service reads, outside `/api` so the gateway never exposes them. ARCHITECTURE.md allows a
 * synchronous call only where an event cannot have arrived yet: invitation creating an invite right
 * after the test was published. The caller forwards the admin's access token, so no service-level
 * secret exists; the answer is the `assessment.test.published.v1` payload, which the caller stores as
 * if the event had come.
 */
export function internalRoutes (app: ServiceApp, ctx: AssessmentContext): void {
  app.get('/internal/tests/:id/versions/:version', {
    onRequest: requireRole('admin'),
    schema: { params: VersionParams, response: { 200: catalog.assessment.TestPublishedV1.schema } }
  }, async (request) => {
    return publishedTest(await getTestVersion(ctx, request.params.id, request.params.version))
  })

  // The current version, for a caller that does not know the version number (a new invite): 404 for a
  // missing or soft-deleted test, like GET /api/tests/{id}, so no invite is made for an inactive test.
  app.get('/internal/tests/:id/current', {
    onRequest: requireRole('admin'),
    schema: { params: IdParams, response: { 200: catalog.assessment.TestPublishedV1.schema } }
  }, async (request) => {
    return publishedTest(await getTest(ctx, request.params.id))
  })
}
