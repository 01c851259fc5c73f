import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const ALGORITHM = 'aes-256-gcm'
const IV_BYTES = 12
const TAG_BYTES = 16
// A version prefix, so a later key rotation or algorithm can tell its own values from these.
const PREFIX = 'v1:'

/** The key patterns config accepts for EMAIL_SETTINGS_KEY: 32 bytes as 64 hex digits or as base64/base64url. */
export const SECRET_KEY_PATTERN = '^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$'

/** EMAIL_SETTINGS_KEY as bytes; config has checked its form, this checks the length once more. */
export function parseSecretKey (value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  if (key.length !== 32) throw new Error('EMAIL_SETTINGS_KEY must be 32 bytes (64 hex digits or 44 base64 characters)')
  return key
}

/**
 * Encrypts a secret with AES-256-GCM under a fresh random IV. `context` is bound in as additional data
 * (e.g. the admin's id), so a value copied onto another row does not decrypt there.
 */
export function encryptSecret (key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** Decrypts what encryptSecret made; throws when the key or the context is not the one it was made with. */
export function decryptSecret (key: Buffer, stored: string, context: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error('not an encrypted secret')
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted secret is truncated')
  const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
}
