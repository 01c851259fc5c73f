import { defineConfig } from 'vitest/config'

// Integration tests against the real Postgres and NATS, on a shared 2-core machine: generous timeouts,
// since speed is measured by `pnpm bench`, not here.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } })
