import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decryptSecret, encryptSecret, parseSecretKey, SECRET_KEY_PATTERN } from './secret-box.js'

const key = randomBytes(32)

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, with a fresh IV every time and no plaintext in the stored value', () => {
    const first = encryptSecret(key, 'hunter2-password', 'admin-1')
    const second = encryptSecret(key, 'hunter2-password', 'admin-1')
    expect(first).not.toBe(second)
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]+$/)
    expect(first).not.toContain('hunter2')
    expect(decryptSecret(key, first, 'admin-1')).toBe('hunter2-password')
    expect(decryptSecret(key, encryptSecret(key, '', 'admin-1'), 'admin-1')).toBe('')
  })

  it('refuses another key, another context, and a tampered value', () => {
    const stored = encryptSecret(key, 'secret', 'admin-1')
    expect(() => decryptSecret(randomBytes(32), stored, 'admin-1')).toThrow()
    expect(() => decryptSecret(key, stored, 'admin-2')).toThrow()
    const raw = Buffer.from(stored.slice(3), 'base64url')
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
    expect(() => decryptSecret(key, `v1:${raw.toString('base64url')}`, 'admin-1')).toThrow()
    expect(() => decryptSecret(key, 'plaintext', 'admin-1')).toThrow()
  })
})

describe('parseSecretKey', () => {
  it('reads 32 bytes as hex, base64 and base64url, which the config pattern accepts', () => {
    const bytes = randomBytes(32)
    for (const text of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')]) {
      expect(new RegExp(SECRET_KEY_PATTERN).test(text), text).toBe(true)
      expect(parseSecretKey(text).equals(bytes)).toBe(true)
    }
  })

  it('the config pattern refuses other lengths', () => {
    for (const text of [randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), randomBytes(33).toString('base64'), 'short']) {
      expect(new RegExp(SECRET_KEY_PATTERN).test(text), text).toBe(false)
    }
  })
})
