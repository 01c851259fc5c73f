import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { createService, type ServiceApp } from '../src/index.js'

let app: ServiceApp

beforeAll(async () => {
  app = createService({ name: 'example', logLevel: 'silent' })
  // Added synchronously right after createService, as services and tests do.
  app.post('/api/items/:id', {
    schema: {
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object({ dry_run: Type.Optional(Type.Boolean()) }),
      body: Type.Object({ email: Type.String({ format: 'email' }), count: Type.Integer({ minimum: 1 }) }),
      response: { 200: Type.Object({ id: Type.String(), email: Type.String() }) }
    }
  }, (request) => ({ id: request.params.id, email: request.body.email }))
  app.get('/internal/items/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, () => ({}))
  await app.ready()
})

afterAll(async () => { await app.close() })

describe('openapi document', () => {
  it('serves GET /openapi.json with each route\'s request and response schemas', async () => {
    const response = await app.inject({ url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info.title).toBe('example')
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const operation = doc.paths['/api/items/{id}'].post
    expect(operation.parameters).toEqual(expect.arrayContaining([
      expect.objectContaining({ in: 'path', name: 'id', required: true, schema: expect.objectContaining({ format: 'uuid' }) }),
      expect.objectContaining({ in: 'query', name: 'dry_run' })
    ]))
    const body = operation.requestBody.content['application/json'].schema
    expect(body.required).toEqual(['email', 'count'])
    expect(body.properties.email).toMatchObject({ type: 'string', format: 'email' })
    expect(operation.responses['200'].content['application/json'].schema.properties).toHaveProperty('email')
  })

  it('leaves out /health, /ready, /internal/* and itself', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(['/api/items/{id}'])
  })
})
