import { describe, expect, it } from 'vitest'
import { ReplicaSet } from '../src/proxy/replicas.js'
import { retryDelay } from '../src/proxy/retry.js'

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })

describe('proxy retries', () => {
  it('retries idempotent methods that could not connect, twice at most', () => {
    expect(retryDelay({ err: refused, req: { method: 'GET' }, attempt: 0 })).toBe(50)
    expect(retryDelay({ err: refused, req: { method: 'HEAD' }, attempt: 1 })).toBe(200)
    expect(retryDelay({ err: refused, req: { method: 'GET' }, attempt: 2 })).toBeNull()
  })

  it('never retries a POST, an answer, or a timeout', () => {
    expect(retryDelay({ err: refused, req: { method: 'POST' }, attempt: 0 })).toBeNull()
    expect(retryDelay({ err: null, req: { method: 'GET' }, res: { statusCode: 503 }, attempt: 0 })).toBeNull()
    const timeout = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' })
    expect(retryDelay({ err: timeout, req: { method: 'GET' }, attempt: 0 })).toBeNull()
  })

  it('goes at once to each replica not tried yet, then waits as for one', () => {
    const tries = [0, 1, 2, 3].map((attempt) => retryDelay({ err: refused, req: { method: 'GET' }, attempt, replicas: 3 }))
    expect(tries).toEqual([0, 0, 50, 200])
    expect(retryDelay({ err: refused, req: { method: 'GET' }, attempt: 4, replicas: 3 })).toBeNull()
    expect(retryDelay({ err: refused, req: { method: 'POST' }, attempt: 0, replicas: 3 })).toBeNull()
  })
})

describe('replica set', () => {
  it('starts each plan at the next replica in turn', () => {
    const set = new ReplicaSet(['a', 'b', 'c'])
    expect([set.plan(), set.plan(), set.plan(), set.plan()]).toEqual([['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b'], ['a', 'b', 'c']])
  })

  it('tries a replica that refused last until its cooldown ends, and never drops it', async () => {
    const set = new ReplicaSet(['a', 'b', 'c'], 50)
    set.failed('a')
    expect(set.plan()).toEqual(['b', 'c', 'a'])
    expect(set.plan()).toEqual(['b', 'c', 'a'])
    set.failed('b')
    set.failed('c')
    // All cooling: plain round robin.
    expect(set.plan()).toEqual(['c', 'a', 'b'])
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(set.plan()).toEqual(['a', 'b', 'c'])
  })
})
