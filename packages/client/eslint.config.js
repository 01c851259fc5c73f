import { config } from '@repo/eslint-config'

// src/schema.ts is generated (packages/e2e: `pnpm client:generate`): its layout is the generator's.
export default [{ ignores: ['src/schema.ts'] }, ...config(import.meta.dirname)]
