import { defineConfig } from 'vitest/config'

// Integration tests wait for real deliveries (and, in the outage test, a NATS restart): generous
// timeouts, since speed is measured by `pnpm bench`, not here.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } })
