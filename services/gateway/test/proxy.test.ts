import { connect } from 'node:net'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createService, type ServiceApp } from '@repo/kit'
import { freePort } from '@repo/testing'
import { buildGateway } from '../src/app.js'
import { checkRouteTable } from '../src/proxy/proxy-plugin.js'

const BODY_LIMIT = 4096
const TIMEOUT_MS = 400

let gateway: ServiceApp
const stubs: ServiceApp[] = []

/** A kit service on a free port that echoes what it received, so tests can see what the gateway sent. */
async function echoService (name: string): Promise<string> {
  const stub = createService({ name, logLevel: 'silent' })
  stub.get('/api/auth/slow', async () => {
    await sleep(5000)
    return { late: true }
  })
  stub.get('/api/auth/busy', async (_request, reply) => await reply.code(503).send({ detail: 'busy', code: 'IDENTITY_BUSY' }))
  stub.all('/*', async (request, reply) => await reply.header('x-upstream', name).code(request.method === 'POST' ? 201 : 200).send({
    service: name,
    method: request.method,
    url: request.url,
    requestId: request.headers['x-request-id'],
    forwardedFor: request.headers['x-forwarded-for'],
    custom: request.headers['x-custom'],
    contentType: request.headers['content-type'],
    body: request.body ?? null
  }))
  stubs.push(stub)
  const port = await freePort()
  await stub.listen({ host: '127.0.0.1', port })
  return `http://127.0.0.1:${port}`
}

beforeAll(async () => {
  gateway = buildGateway({
    upstreams: [
      { name: 'identity', urls: [await echoService('identity')], prefixes: ['/api/auth', '/api/admin/applicants'] },
      // Shares /api/admin with identity, as notifications and scoring will.
      { name: 'signaling', urls: [await echoService('signaling')], prefixes: ['/api/admin'] },
      // Nothing listens on a port that was just free.
      { name: 'grading', urls: [`http://127.0.0.1:${await freePort()}`], prefixes: ['/api/results'] }
    ],
    logLevel: 'silent',
    bodyLimitBytes: BODY_LIMIT,
    upstreamTimeoutMs: TIMEOUT_MS
  })
  await gateway.ready()
})

afterAll(async () => {
  await gateway.close()
  await Promise.all(stubs.map(async (stub) => { await stub.close() }))
})

describe('gateway proxy', () => {
  it('forwards a GET with its path, query and headers, and returns the upstream answer as it is', async () => {
    const response = await gateway.inject({ url: '/api/auth/me?x=1&y=two', headers: { 'x-custom': 'kept' } })
    expect(response.statusCode).toBe(200)
    expect(response.headers['x-upstream']).toBe('identity')
    expect(response.json()).toMatchObject({ service: 'identity', method: 'GET', url: '/api/auth/me?x=1&y=two', custom: 'kept' })
  })

  it('forwards a POST body unparsed, with its content type', async () => {
    const json = await gateway.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@example.com', password: 'x' } })
    expect(json.statusCode).toBe(201)
    expect(json.json()).toMatchObject({ method: 'POST', contentType: 'application/json', body: { email: 'a@example.com', password: 'x' } })

    // Not JSON at all: the gateway does not judge it, the service does (here its own 422).
    const broken = await gateway.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' })
    expect(broken.statusCode).toBe(422)
    expect(broken.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('forwards bodiless POST and DELETE requests', async () => {
    const post = await gateway.inject({ method: 'POST', url: '/api/auth/logout' })
    expect(post.statusCode).toBe(201)
    expect(post.json()).toMatchObject({ method: 'POST', body: null })
    const remove = await gateway.inject({ method: 'DELETE', url: '/api/admin/applicants/42' })
    expect(remove.statusCode).toBe(200)
    expect(remove.json()).toMatchObject({ service: 'identity', method: 'DELETE', url: '/api/admin/applicants/42' })
  })

  it('passes the caller\'s x-request-id to the service and back', async () => {
    const response = await gateway.inject({ url: '/api/auth/me', headers: { 'x-request-id': 'req-proxy-1' } })
    expect(response.json().requestId).toBe('req-proxy-1')
    expect(response.headers['x-request-id']).toBe('req-proxy-1')
  })

  it('replaces an unsafe x-request-id with its own, the same on both sides', async () => {
    const response = await gateway.inject({ url: '/api/auth/me', headers: { 'x-request-id': 'bad id\twith spaces' } })
    const sent = response.json().requestId as string
    expect(sent).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers['x-request-id']).toBe(sent)
  })

  it('appends the client address to x-forwarded-for', async () => {
    const fresh = await gateway.inject({ url: '/api/auth/me', remoteAddress: '198.51.100.7' })
    expect(fresh.json().forwardedFor).toBe('198.51.100.7')
    const chained = await gateway.inject({ url: '/api/auth/me', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': '203.0.113.1' } })
    expect(chained.json().forwardedFor).toBe('203.0.113.1, 198.51.100.7')
  })

  it('routes by the longest matching prefix, segment by segment', async () => {
    const owner = async (url: string) => {
      const response = await gateway.inject({ url })
      return response.statusCode === 200 ? response.json().service as string : response.statusCode
    }
    expect(await owner('/api/admin/applicants')).toBe('identity')
    expect(await owner('/api/admin/applicants/42/tests')).toBe('identity')
    expect(await owner('/api/admin/notifications')).toBe('signaling')
    expect(await owner('/api/admin/applicants-export')).toBe('signaling')
    expect(await owner('/api/admin')).toBe('signaling')
    expect(await owner('/api/authority')).toBe(404)
  })

  it('answers the kit\'s 404 for an /api path no service claims', async () => {
    const response = await gateway.inject({ url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ detail: 'Not Found', code: 'NOT_FOUND' })
  })

  it('answers 503 GATEWAY_UPSTREAM_UNAVAILABLE at once when the service is down', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const started = Date.now()
      const response = await gateway.inject({ method, url: '/api/results/1', ...(method === 'POST' ? { payload: { a: 1 } } : {}) })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({ detail: 'The service is unavailable, please retry', code: 'GATEWAY_UPSTREAM_UNAVAILABLE' })
      expect(response.headers['retry-after']).toBe('1')
      expect(Date.now() - started).toBeLessThan(2000)
    }
  })

  it('answers 504 GATEWAY_UPSTREAM_TIMEOUT when the service is too slow', async () => {
    const started = Date.now()
    const response = await gateway.inject({ url: '/api/auth/slow' })
    expect(response.statusCode).toBe(504)
    expect(response.json()).toEqual({ detail: 'The service did not answer in time', code: 'GATEWAY_UPSTREAM_TIMEOUT' })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('passes a service\'s own 503 through once, without retrying it', async () => {
    const started = Date.now()
    const response = await gateway.inject({ url: '/api/auth/busy' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ detail: 'busy', code: 'IDENTITY_BUSY' })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('answers 413 in the kit envelope for a body over the limit', async () => {
    const response = await gateway.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ a: 'x'.repeat(BODY_LIMIT) }) })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toEqual({ detail: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE' })
  })

  it('answers 413 over a real socket to a client still uploading, every time, instead of resetting it', async () => {
    const port = await freePort()
    await gateway.listen({ host: '127.0.0.1', port })
    // Sixteen times the limit at most is read and dropped before the answer; the client sees the 413.
    const body = JSON.stringify({ a: 'x'.repeat(BODY_LIMIT * 12) })
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      await response.arrayBuffer()
      return response.status
    }))
    expect(new Set(statuses)).toEqual(new Set([413]))
  })

  it('answers 413 for a chunked body that grows past the limit', async () => {
    const chunks = Array.from({ length: 8 }, () => Buffer.alloc(1024, 'a'))
    const response = await gateway.inject({ method: 'POST', url: '/api/auth/upload', headers: { 'content-type': 'application/octet-stream' }, payload: Readable.from(chunks) })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toEqual({ detail: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE' })
  })
})

describe('route table', () => {
  it('refuses a prefix claimed twice or one that is not an exact /api path', () => {
    expect(() => checkRouteTable([{ name: 'a', urls: ['http://x'], prefixes: ['/api/x'] }, { name: 'b', urls: ['http://y'], prefixes: ['/api/x'] }])).toThrow(/claimed by both a and b/)
    expect(() => checkRouteTable([{ name: 'a', urls: ['http://x'], prefixes: ['/api/x/'] }])).toThrow(/trailing slash/)
    expect(() => checkRouteTable([{ name: 'a', urls: ['http://x'], prefixes: ['/other'] }])).toThrow(/must look like/)
  })

  it('answers 404 to a WebSocket upgrade under a prefix that proxies none, once another upstream does', async () => {
    const withSockets = buildGateway({
      upstreams: [
        { name: 'assessment', urls: [await echoService('assessment')], prefixes: ['/api/tests'] },
        { name: 'signaling', urls: [`http://127.0.0.1:${await freePort()}`], prefixes: ['/api/ws'], websocket: true }
      ],
      logLevel: 'silent'
    })
    await withSockets.listen({ host: '127.0.0.1', port: 0 })
    try {
      const { port } = withSockets.server.address() as { port: number }
      const socket = connect(port, '127.0.0.1')
      socket.write('GET /api/tests/x HTTP/1.1\r\nHost: gateway\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n')
      let answer = ''
      socket.on('data', (chunk: Buffer) => { answer += chunk.toString('utf8') })
      await new Promise((resolve) => { socket.on('close', resolve) })
      expect(answer).toMatch(/^HTTP\/1\.1 404 /)
      expect(answer).toContain('"code":"NOT_FOUND"')
    } finally {
      await withSockets.close()
    }
  })
})
