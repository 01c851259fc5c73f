import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { createService, type ServiceApp } from '@repo/kit'
import { freePort } from '@repo/testing'
import { buildGateway } from '../src/app.js'
import type { Upstream } from '../src/upstreams.js'

let gateway: ServiceApp
const stubs: ServiceApp[] = []

/** A service built by the kit (so it serves /openapi.json) with one documented route and a shared schema. */
async function documentedService (name: string, path: string, field: string): Promise<string> {
  const stub = createService({ name, logLevel: 'silent' })
  stub.addSchema(Type.Object({ [field]: Type.String() }, { $id: 'Thing' }))
  stub.post(path, {
    schema: {
      body: Type.Object({ title: Type.String({ minLength: 1 }), [field]: Type.Integer() }),
      response: { 200: Type.Ref('Thing') }
    }
  }, () => ({ [field]: 'x' }))
  stub.get('/internal/secret', () => ({}))
  stubs.push(stub)
  const port = await freePort()
  await stub.listen({ host: '127.0.0.1', port })
  return `http://127.0.0.1:${port}`
}

beforeAll(async () => {
  const upstreams: Upstream[] = [
    { name: 'identity', urls: [await documentedService('identity', '/api/auth/login', 'email')], prefixes: ['/api/auth'] },
    { name: 'assessment', urls: [await documentedService('assessment', '/api/tests', 'duration_minutes')], prefixes: ['/api/tests'] },
    // Nothing listens on a port that was just free.
    { name: 'grading', urls: [`http://127.0.0.1:${await freePort()}`], prefixes: ['/api/results'] }
  ]
  gateway = buildGateway({ upstreams, logLevel: 'silent', docs: { timeoutMs: 1000, cacheMs: 0 } })
  await gateway.ready()
})

afterAll(async () => {
  await gateway.close()
  await Promise.all(stubs.map(async (stub) => { await stub.close() }))
})

describe('docs', () => {
  it('merges the services\' documents with the gateway\'s own routes at /docs/json', async () => {
    const response = await gateway.inject({ url: '/docs/json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/', '/api/auth/login', '/api/tests'])
    const login = doc.paths['/api/auth/login'].post
    expect(login.tags).toEqual(['identity'])
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email')
    expect(doc.paths['/api/tests'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('duration_minutes')
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it('renames a component two services define differently, with its refs', async () => {
    const doc = (await gateway.inject({ url: '/docs/json' })).json()
    const refOf = (path: string): string => doc.paths[path].post.responses['200'].content['application/json'].schema.$ref
    const identityRef = refOf('/api/auth/login')
    const assessmentRef = refOf('/api/tests')
    expect(identityRef).not.toBe(assessmentRef)
    expect(assessmentRef).toMatch(/^#\/components\/schemas\/assessment_/)
    const schemaAt = (ref: string) => doc.components.schemas[ref.split('/').pop() ?? '']
    expect(schemaAt(identityRef).properties).toHaveProperty('email')
    expect(schemaAt(assessmentRef).properties).toHaveProperty('duration_minutes')
  })

  it('leaves a down service out with a note instead of failing', async () => {
    const doc = (await gateway.inject({ url: '/docs/json' })).json()
    expect(doc['x-missing-services']).toEqual([{ name: 'grading', reason: expect.any(String) }])
    expect(doc.info.description).toMatch(/grading/)
  })

  it('serves swagger-ui at /docs, with its own CSP', async () => {
    const response = await gateway.inject({ url: '/docs' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
    expect(response.body).toMatch(/swagger-ui/i)
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/)
    expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/)
    expect((await gateway.inject({ url: '/docs/static/index.html' })).statusCode).toBe(302)
  })
})
