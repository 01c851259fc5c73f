import { defineConfig } from 'vitest/config'

// Each file starts its own fleet of service processes; files run one after another so two fleets never
// compete for the two cores, and bounds are generous because a fault test asserts outcomes, not speed.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
