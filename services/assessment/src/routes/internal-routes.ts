import { requireRole } from '@repo/auth'
import { catalog } from '@repo/events'
import type { ServiceApp } from '@repo/kit'
import type { AssessmentContext } from '../context.js'
import { getTestVersion } from '../use-cases/get-test-version.js'
import { publishedTest } from '../views.js'
import { VersionParams } from './schemas.js'

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
}
