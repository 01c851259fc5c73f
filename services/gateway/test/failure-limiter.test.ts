import { describe, expect, it } from 'vitest'
import { createFailureLimiter } from '../src/edge/failure-limiter.js'

describe('failure limiter', () => {
  it('blocks an address after the allowed failures until its window ends, and counts addresses apart', () => {
    let time = 1_000
    const limiter = createFailureLimiter(3, 60_000, () => time)
    for (let failure = 0; failure < 3; failure++) {
      expect(limiter.blockedFor('a')).toBe(0)
      limiter.recordFailure('a')
      time += 1_000
    }
    expect(limiter.blockedFor('a')).toBe(57_000)
    expect(limiter.blockedFor('b')).toBe(0)
    time = 61_000
    expect(limiter.blockedFor('a')).toBe(0)
    limiter.recordFailure('a')
    expect(limiter.blockedFor('a')).toBe(0)
  })

  it('never blocks an address that does not fail, however often it asks', () => {
    const limiter = createFailureLimiter(1, 60_000)
    for (let request = 0; request < 10_000; request++) expect(limiter.blockedFor('applicant')).toBe(0)
  })
})
