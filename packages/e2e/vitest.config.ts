import { defineConfig } from 'vitest/config'

// One stack for the whole suite (started by the global setup); files run one after another because
// they share it, and timeouts are generous because speed is measured by `pnpm bench`, not here.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
})
