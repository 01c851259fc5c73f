import { config } from '@repo/eslint-config'

export default config(import.meta.dirname)
