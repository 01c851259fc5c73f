import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createService, type ServiceApp } from '@repo/kit'
import { freePort } from '@repo/testing'
import { buildGateway } from '../src/app.js'
import type { Upstream } from '../src/upstreams.js'

let gateway: ServiceApp
let deadIdentity = ''
const stubs: ServiceApp[] = []

/** A service as the kit builds it, listening on a free port, whose one readiness check passes or fails. */
async function stubService (name: string, ready: boolean): Promise<string> {
  const stub = createService({ name, logLevel: 'silent' })
  stub.readinessChecks.set('database', async () => { if (!ready) throw new Error('connection refused') })
  stubs.push(stub)
  const port = await freePort()
  await stub.listen({ host: '127.0.0.1', port })
  return `http://127.0.0.1:${port}`
}

beforeAll(async () => {
  deadIdentity = `http://127.0.0.1:${await freePort()}`
  const upstreams: Upstream[] = [
    // Two replicas, one of them down: the service is still ready.
    { name: 'identity', urls: [await stubService('identity', true), deadIdentity], prefixes: ['/api/auth'] },
    { name: 'assessment', urls: [await stubService('assessment', false)], prefixes: ['/api/tests'] },
    // Nothing listens on a port that was just free.
    { name: 'grading', urls: [`http://127.0.0.1:${await freePort()}`], prefixes: ['/api/results'] }
  ]
  gateway = buildGateway({ upstreams, logLevel: 'silent' })
  await gateway.ready()
})

afterAll(async () => {
  await gateway.close()
  await Promise.all(stubs.map(async (stub) => { await stub.close() }))
})

describe('gateway', () => {
  it('answers GET /api/ with the exact root body', async () => {
    const response = await gateway.inject({ url: '/api/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe('{"message":"Pre-Interview Test Platform API","status":"running"}')
  })

  it('reports each upstream and each of its replicas in /health while staying up itself', async () => {
    const response = await gateway.inject({ url: '/health' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ status: 'ok', service: 'gateway' })
    expect(body.services.identity).toEqual({
      status: 'ready',
      replicas: [
        { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), status: 'ready' },
        { url: deadIdentity, status: 'unavailable', detail: expect.stringMatching(/ECONNREFUSED/) }
      ]
    })
    expect(body.services.assessment).toMatchObject({ status: 'unavailable', detail: 'database: connection refused' })
    expect(body.services.assessment.replicas).toHaveLength(1)
    expect(body.services.grading.status).toBe('unavailable')
    expect(body.services.grading.detail).toMatch(/ECONNREFUSED/)
    expect(Object.keys(body.services).sort()).toEqual(['assessment', 'grading', 'identity'])
  })

  it('is not ready while an upstream is not', async () => {
    const response = await gateway.inject({ url: '/ready' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { identity: 'ok', assessment: 'database: connection refused', grading: expect.stringMatching(/ECONNREFUSED/) }
    })
  })

  it('echoes the caller\'s x-request-id', async () => {
    const response = await gateway.inject({ url: '/api/', headers: { 'x-request-id': 'req-42' } })
    expect(response.headers['x-request-id']).toBe('req-42')
  })

  it('answers health and readiness with no upstreams at all', async () => {
    const bare = buildGateway({ upstreams: [], logLevel: 'silent' })
    try {
      expect((await bare.inject({ url: '/health' })).json()).toEqual({ status: 'ok', service: 'gateway', services: {} })
      expect((await bare.inject({ url: '/ready' })).statusCode).toBe(200)
    } finally {
      await bare.close()
    }
  })
})
