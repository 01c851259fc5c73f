import { describe, expect, it } from 'vitest'
import { redactUrl } from './logger.js'

describe('redactUrl', () => {
  it('hides invite tokens in paths and tokens in queries', () => {
    expect(redactUrl('/api/take-test/abcDEF123_-x')).toBe('/api/take-test/[redacted]')
    expect(redactUrl('/api/invites/token/secret/schedule')).toBe('/api/invites/token/[redacted]/schedule')
    expect(redactUrl('/api/ws/signaling/42?token=eyJhbGc.x.y&x=1')).toBe('/api/ws/signaling/42?token=[redacted]&x=1')
  })

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/tests/7?page=2')).toBe('/api/tests/7?page=2')
  })
})
