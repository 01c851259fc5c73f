import type { FastifyBaseLogger } from 'fastify'
import { Type } from 'typebox'
import { createService, type ServiceApp } from '@repo/kit'
import { authPlugin, requireRole, requireRoleWith, type AuthPluginOptions } from '../src/index.js'

export const ISSUER = 'http://127.0.0.1:8001'
export const AUDIENCE = 'pre-interview-platform'

/** An example service guarded by the plugin: one route per way a service is expected to use it. */
export async function buildApp (options: Partial<AuthPluginOptions> & { jwksUrl: string }, logger?: FastifyBaseLogger): Promise<ServiceApp> {
  const app = createService({ name: 'example', logLevel: 'silent', ...(logger === undefined ? {} : { logger }) })
  await app.register(authPlugin, { issuer: ISSUER, audience: AUDIENCE, ...options })
  app.get('/me', { onRequest: app.authenticate }, (request) => request.user)
  app.get('/admin', { onRequest: [app.authenticate, requireRole('admin')] }, () => ({ ok: true }))
  // requireRole alone must authenticate too; a TypeBox-typed route checks the hook types fit.
  app.get('/items/:id', {
    schema: { params: Type.Object({ id: Type.String() }) },
    preHandler: requireRole('admin', 'applicant')
  }, (request) => ({ id: request.params.id, role: request.user.role }))
  app.get('/notifications', { onRequest: requireRoleWith({ roles: ['admin'], detail: 'Admin access required' }) }, () => ({ ok: true }))
  app.get('/public', () => ({ ok: true }))
  await app.ready()
  return app
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
