import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { requireRole, type AuthHook } from '@repo/auth'
import { catalog } from '@repo/events'
import type { ServiceApp } from '@repo/kit'
import type { AssessmentContext } from '../context.js'
import { InvalidInternalToken } from '../errors.js'
import { getTest } from '../use-cases/get-test.js'
import { getTestVersion } from '../use-cases/get-test-version.js'
import { publishedTest } from '../views.js'
import { IdParams, VersionParams } from './schemas.js'

export type InternalRoutesOptions = {
  /** INTERNAL_API_TOKEN: the service credential accepted instead of an admin token; undefined: none is. */
  internalToken: string | undefined
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Lets a request through with the service credential (header `x-internal-token`, compared in constant
 * time over SHA-256 digests, so neither its content nor its length leaks through timing), or else with
 * an admin token as before. A request that sends the header is judged by it alone: a wrong or
 * unconfigured credential is 401, never a fall-back to the token.
 */
export function serviceOrAdmin (internalToken: string | undefined): AuthHook {
  const admin = requireRole('admin')
  const expected = internalToken === undefined ? undefined : digest(internalToken)
  return async function serviceOrAdminHook (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const given = request.headers['x-internal-token']
    if (given === undefined) {
      await admin(request, reply)
      return
    }
    if (expected === undefined || typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) throw InvalidInternalToken()
  }
}

/**
 * Service-to-service reads, outside `/api` so the gateway never exposes them. ARCHITECTURE.md allows a
 * synchronous call only where an event cannot have arrived yet: invitation creating an invite right
 * after the test was published (it forwards the admin's access token), and grading scoring a submission
 * whose version's published event has not reached it (a consumer, so it sends the service credential).
 * The answer is the `assessment.test.published.v1` payload, which the caller stores as if the event had
 * come.
 */
export function internalRoutes (app: ServiceApp, ctx: AssessmentContext, options: InternalRoutesOptions): void {
  const guard = serviceOrAdmin(options.internalToken)
  app.get('/internal/tests/:id/versions/:version', {
    onRequest: guard,
    schema: { params: VersionParams, response: { 200: catalog.assessment.TestPublishedV1.schema } }
  }, async (request) => {
    return publishedTest(await getTestVersion(ctx, request.params.id, request.params.version))
  })

  // The current version, for a caller that does not know the version number (a new invite): 404 for a
  // missing or soft-deleted test, like GET /api/tests/{id}, so no invite is made for an inactive test.
  app.get('/internal/tests/:id/current', {
    onRequest: guard,
    schema: { params: IdParams, response: { 200: catalog.assessment.TestPublishedV1.schema } }
  }, async (request) => {
    return publishedTest(await getTest(ctx, request.params.id))
  })
}
