import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { AppError, createService, defineError, type ServiceApp } from '../src/index.js'

const TestNotFound = defineError(404, 'ASSESSMENT_TEST_NOT_FOUND', 'Test not found')

let app: ServiceApp
let dependencyUp = true

beforeAll(async () => {
  app = createService({ name: 'example', logLevel: 'silent', bodyLimitBytes: 2048 })
  app.readinessChecks.set('database', async () => { if (!dependencyUp) throw new Error('connection refused') })
  app.post('/items/:id', {
    schema: {
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ email: Type.String({ format: 'email' }), count: Type.Integer({ minimum: 1 }) })
    }
  }, (request) => ({ id: request.params.id, email: request.body.email }))
  app.get('/missing', () => { throw TestNotFound() })
  app.get('/boom', () => { throw new Error('database password is hunter2') })
  app.get('/db-down', () => { throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) })
  app.get('/teapot', () => { throw new AppError(418, 'EXAMPLE_TEAPOT', 'I am a teapot', { 'retry-after': '1' }) })
  await app.ready()
})

afterAll(async () => { await app.close() })

const id = '3f1c2a9e-0b7d-4c55-9a57-1f0f5d3e2b10'

describe('service kit', () => {
  it('echoes a safe x-request-id and makes one otherwise', async () => {
    const given = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } })
    expect(given.headers['x-request-id']).toBe('abc-123')
    const unsafe = await app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\r\nx' } })
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('believes X-Forwarded-For only from the proxies it is told to trust', async () => {
    const trusting = createService({ name: 'behind-gateway', logLevel: 'silent', trustProxy: 'loopback' })
    const edge = createService({ name: 'edge', logLevel: 'silent' })
    for (const service of [trusting, edge]) service.get('/ip', (request) => ({ ip: request.ip }))
    const headers = { 'x-forwarded-for': '203.0.113.7' }
    expect((await trusting.inject({ url: '/ip', headers })).json()).toEqual({ ip: '203.0.113.7' })
    expect((await edge.inject({ url: '/ip', headers })).json()).toEqual({ ip: '127.0.0.1' })
    await Promise.all([trusting.close(), edge.close()])
  })

  it('answers 422 with a detail, a code and errors[] for bad input, ignoring unknown fields', async () => {
    const response = await app.inject({ method: 'POST', url: `/items/${id}`, payload: { email: 'nope', extra: true } })
    expect(response.statusCode).toBe(422)
    const body = response.json()
    expect(body.code).toBe('VALIDATION_FAILED')
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ loc: ['body', 'email'], type: 'format' }),
      expect.objectContaining({ loc: ['body', 'count'], msg: 'Field required', type: 'missing' })
    ]))
    expect(body.detail).toMatch(/^body\./)
    const ok = await app.inject({ method: 'POST', url: `/items/${id}`, payload: { email: 'a@b.co', count: 1, extra: true } })
    expect(ok.json()).toEqual({ id, email: 'a@b.co' })
  })

  it('answers 422 for malformed JSON', async () => {
    const response = await app.inject({ method: 'POST', url: `/items/${id}`, headers: { 'content-type': 'application/json' }, payload: '{"email":' })
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ loc: ['body'], type: 'json_invalid' }] })
  })

  it('answers 404 for a malformed id in the path, like an unknown one', async () => {
    const response = await app.inject({ method: 'POST', url: '/items/not-a-uuid', payload: { email: 'a@b.co', count: 1 } })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ detail: 'Not Found', code: 'NOT_FOUND' })
  })

  it('answers 413 for a body over the limit', async () => {
    const response = await app.inject({ method: 'POST', url: `/items/${id}`, payload: { email: 'a@b.co', count: 1, pad: 'x'.repeat(4096) } })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toEqual({ detail: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE' })
  })

  it('answers unknown routes and declared errors in the same shape', async () => {
    expect((await app.inject({ url: '/nowhere' })).json()).toEqual({ detail: 'Not Found', code: 'NOT_FOUND' })
    const missing = await app.inject({ url: '/missing' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
    const teapot = await app.inject({ url: '/teapot' })
    expect(teapot.statusCode).toBe(418)
    expect(teapot.headers['retry-after']).toBe('1')
  })

  it('hides internals of a 5xx and gives the request id instead', async () => {
    const response = await app.inject({ url: '/boom', headers: { 'x-request-id': 'req-500' } })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ detail: 'Internal Server Error', code: 'INTERNAL_ERROR', request_id: 'req-500' })
    expect(response.body).not.toContain('hunter2')
  })

  it('answers 503 with Retry-After when a dependency is unreachable', async () => {
    const response = await app.inject({ url: '/db-down' })
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBe('1')
    expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
    expect(response.body).not.toContain('5432')
  })

  it('reports readiness from its dependency checks', async () => {
    expect((await app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready', service: 'example', checks: { database: 'ok' } })
    dependencyUp = false
    const down = await app.inject({ url: '/ready' })
    expect(down.statusCode).toBe(503)
    expect(down.json()).toMatchObject({ status: 'unavailable', checks: { database: 'connection refused' } })
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200)
    dependencyUp = true
  })
})
