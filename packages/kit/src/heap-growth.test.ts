import { describe, expect, it } from 'vitest'
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from './heap-growth.js'

describe('heapGrowthFlag', () => {
  it('caps the old generation\'s growth unless node was given a growth of its own', () => {
    expect(heapGrowthFlag([])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
    expect(heapGrowthFlag(['--max-semi-space-size=2', '--enable-source-maps'])).toBe('--heap-growing-percent=50')
    expect(heapGrowthFlag(['--heap-growing-percent=80'])).toBeUndefined()
    expect(heapGrowthFlag(['--heap_growing_percent=20'])).toBeUndefined()
    expect(heapGrowthFlag(['--heap-growing-percent', '30'])).toBeUndefined()
    // A flag that merely starts alike is not it.
    expect(heapGrowthFlag(['--heap-growing-percentage=10'])).toBe('--heap-growing-percent=50')
  })
})
