import { defineConfig } from 'vitest/config'

// docker-compose (Python) starts slowly on a busy machine: each call gets time.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } })
