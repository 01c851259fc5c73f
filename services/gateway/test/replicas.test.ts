import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createService, type ServiceApp } from '@repo/kit'
import { freePort } from '@repo/testing'
import { buildGateway } from '../src/app.js'

const TIMEOUT_MS = 400
const UNAVAILABLE = { detail: 'The service is unavailable, please retry', code: 'GATEWAY_UPSTREAM_UNAVAILABLE' }

type Hit = { method: string, url: string }
type Replica = { name: string, url: string, hits: Hit[], stop: () => Promise<void> }

const running: ServiceApp[] = []

/** One replica of a service: a kit app on a free port that names itself in every answer and records what it got. */
async function replica (name: string): Promise<Replica> {
  const app = createService({ name, logLevel: 'silent' })
  const hits: Hit[] = []
  app.addHook('onRequest', async (request) => { hits.push({ method: request.method, url: request.url }) })
  app.get('/api/things/slow', async () => {
    await sleep(5000)
    return { late: true }
  })
  app.all('/api/things/*', async (request, reply) => await reply.code(request.method === 'POST' ? 201 : 200).send({ replica: name }))
  running.push(app)
  const port = await freePort()
  await app.listen({ host: '127.0.0.1', port })
  return { name, url: `http://127.0.0.1:${port}`, hits, stop: async () => { await app.close() } }
}

function gatewayFor (urls: string[]): ServiceApp {
  const gateway = buildGateway({
    upstreams: [{ name: 'things', urls, prefixes: ['/api/things'] }],
    logLevel: 'silent',
    upstreamTimeoutMs: TIMEOUT_MS
  })
  running.push(gateway)
  return gateway
}

const deadUrl = async () => `http://127.0.0.1:${await freePort()}`
const countOf = (hits: Hit[], method: string, url?: string) => hits.filter((hit) => hit.method === method && (url === undefined || hit.url === url)).length

let first: Replica
let second: Replica

beforeAll(async () => {
  first = await replica('first')
  second = await replica('second')
})

afterAll(async () => {
  await Promise.all(running.map(async (app) => { await app.close() }))
})

describe('upstream replicas', () => {
  it('spreads requests over the replicas in turn', async () => {
    const gateway = gatewayFor([first.url, second.url])
    const answeredBy: string[] = []
    for (let index = 0; index < 6; index++) {
      const response = await gateway.inject({ method: index % 3 === 2 ? 'POST' : 'GET', url: `/api/things/spread-${index}` })
      expect(response.statusCode).toBeLessThan(300)
      answeredBy.push(response.json().replica as string)
    }
    expect(answeredBy).toEqual(['first', 'second', 'first', 'second', 'first', 'second'])
  })

  it('answers 504 for a slow replica within the timeout, without trying another', async () => {
    const gateway = gatewayFor([first.url, second.url])
    const started = Date.now()
    const response = await gateway.inject({ url: '/api/things/slow' })
    expect(response.statusCode).toBe(504)
    expect(response.json()).toEqual({ detail: 'The service did not answer in time', code: 'GATEWAY_UPSTREAM_TIMEOUT' })
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500)
    expect(countOf(first.hits, 'GET', '/api/things/slow') + countOf(second.hits, 'GET', '/api/things/slow')).toBe(1)
  })

  it('answers 503 quickly when every replica is down, for reads and writes', async () => {
    const gateway = gatewayFor([await deadUrl(), await deadUrl()])
    for (const method of ['GET', 'POST'] as const) {
      const started = Date.now()
      const response = await gateway.inject({ method, url: '/api/things/1', ...(method === 'POST' ? { payload: { a: 1 } } : {}) })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual(UNAVAILABLE)
      expect(response.headers['retry-after']).toBe('1')
      expect(Date.now() - started).toBeLessThan(1500)
    }
  })

  // Last: it stops a replica.
  it('serves every GET from the live replica once one is stopped, and never sends a POST twice', async () => {
    const gateway = gatewayFor([first.url, second.url])
    // One request each, so both replicas hold a pooled keep-alive connection when the first one stops.
    for (let index = 0; index < 2; index++) expect((await gateway.inject({ url: '/api/things/warm' })).statusCode).toBe(200)
    await first.stop()

    // Round robin points at the stopped replica now: a POST there fails and is not retried elsewhere.
    const postsBefore = countOf(second.hits, 'POST')
    const post = await gateway.inject({ method: 'POST', url: '/api/things/create', payload: { a: 1 } })
    expect(post.statusCode).toBe(503)
    expect(post.json()).toEqual(UNAVAILABLE)
    expect(countOf(second.hits, 'POST')).toBe(postsBefore)

    for (let index = 0; index < 10; index++) {
      const response = await gateway.inject({ url: `/api/things/after-stop-${index}` })
      expect(response.statusCode, `GET ${index}`).toBe(200)
      expect(response.json()).toEqual({ replica: 'second' })
    }
    expect((await gateway.inject({ method: 'HEAD', url: '/api/things/after-stop' })).statusCode).toBe(200)
    // A fresh gateway whose first try is the stopped replica: the GET still succeeds, via the other.
    const fresh = gatewayFor([first.url, second.url])
    expect((await fresh.inject({ url: '/api/things/fresh' })).json()).toEqual({ replica: 'second' })
  })
})
