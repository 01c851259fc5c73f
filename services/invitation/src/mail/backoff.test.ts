import { describe, expect, it } from 'vitest'
import { retryDelayMs } from './backoff.js'

describe('retryDelayMs', () => {
  it('doubles per failure from the base, up to the cap', () => {
    const noJitter = () => 0
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000, 10_000, noJitter))).toEqual([1000, 2000, 4000, 8000, 10_000])
    expect(retryDelayMs(60, 1000, 10_000, noJitter)).toBe(10_000)
  })

  it('adds at most a quarter at random', () => {
    expect(retryDelayMs(2, 1000, 10_000, () => 0.999_999)).toBe(2500)
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(3, 1000, 60_000)
      expect(delay).toBeGreaterThanOrEqual(4000)
      expect(delay).toBeLessThanOrEqual(5000)
    }
  })
})
