import { describe, expect, it } from 'vitest'
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
})
