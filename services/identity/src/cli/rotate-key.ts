// `node dist/cli/rotate-key.js`: adds a new token signing key that takes over after
// SIGNING_KEY_ACTIVATION_SECONDS; the old key stays in the JWKS until its tokens have expired.
import { Type } from 'typebox'
import { loadConfig } from '@repo/kit'
import { IdentityConfigSchema } from '../config.js'
import { identityDb } from '../db/database.js'
import { rotateSigningKey } from '../use-cases/rotate-signing-key.js'
import { fail, openIdentityPool } from './database.js'

const { properties } = IdentityConfigSchema
const config = loadConfig(Type.Object({
  ACCESS_TOKEN_EXPIRE_MINUTES: properties.ACCESS_TOKEN_EXPIRE_MINUTES,
  SIGNING_KEY_ACTIVATION_SECONDS: properties.SIGNING_KEY_ACTIVATION_SECONDS,
  JWT_PRIVATE_KEY: properties.JWT_PRIVATE_KEY
}))
// A configured key is replaced by changing the configuration; a stored key would never be used.
if (config.JWT_PRIVATE_KEY !== undefined) fail('JWT_PRIVATE_KEY is set: rotate by configuring the new key instead')

let pool
try {
  pool = await openIdentityPool(process.env, { bootstrap: false })
} catch (error) {
  fail(`could not open the identity database: ${error instanceof Error ? error.message : String(error)}`)
}
try {
  const rotated = await rotateSigningKey(identityDb(pool), {
    activationSeconds: config.SIGNING_KEY_ACTIVATION_SECONDS,
    tokenLifetimeSeconds: config.ACCESS_TOKEN_EXPIRE_MINUTES * 60
  })
  process.stdout.write(`New signing key ${rotated.kid} is listed now and signs from ${rotated.activeFrom.toISOString()}${rotated.pruned > 0 ? `; removed ${rotated.pruned} expired key(s)` : ''}\n`)
} finally {
  await pool.end()
}
