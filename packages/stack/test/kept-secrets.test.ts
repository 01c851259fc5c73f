import { statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EMAIL_SETTINGS_KEY, INTERNAL_API_TOKEN, keptSecret, keptSecretFile, withKeptSecrets } from '../src/kept-secrets.js'

let root: string | undefined
afterEach(async () => { if (root !== undefined) await rm(root, { recursive: true, force: true }) })

describe('keptSecret', () => {
  it('makes 32 random bytes once, keeps them owner-only under .data, and reads them back on the next start', async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-key-'))
    const lines: string[] = []
    const first = await keptSecret(root, EMAIL_SETTINGS_KEY, {}, (line) => lines.push(line))
    expect(Buffer.from(first, 'base64')).toHaveLength(32)
    expect(keptSecretFile(root, EMAIL_SETTINGS_KEY)).toBe(join(root, '.data', 'email-settings.key'))
    expect(statSync(keptSecretFile(root, EMAIL_SETTINGS_KEY)).mode & 0o777).toBe(0o600)
    expect(await keptSecret(root, EMAIL_SETTINGS_KEY, {}, (line) => lines.push(line))).toBe(first)
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain(first)
  })

  it('uses the environment\'s value and writes nothing', async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-key-'))
    expect(await keptSecret(root, EMAIL_SETTINGS_KEY, { EMAIL_SETTINGS_KEY: 'given' }, () => {})).toBe('given')
    expect(() => statSync(keptSecretFile(root ?? '', EMAIL_SETTINGS_KEY))).toThrow()
  })
})

describe('withKeptSecrets', () => {
  it('fills in EMAIL_SETTINGS_KEY and an INTERNAL_API_TOKEN fit for a header, each in its own file, the same on every start', async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-key-'))
    const first = await withKeptSecrets(root, { LOG_LEVEL: 'info' }, () => {})
    expect(first.LOG_LEVEL).toBe('info')
    expect(first.INTERNAL_API_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(first.EMAIL_SETTINGS_KEY).not.toBe(first.INTERNAL_API_TOKEN)
    expect(statSync(keptSecretFile(root, INTERNAL_API_TOKEN)).mode & 0o777).toBe(0o600)
    const second = await withKeptSecrets(root, { INTERNAL_API_TOKEN: 'x'.repeat(32) }, () => {})
    expect(second).toEqual({ EMAIL_SETTINGS_KEY: first.EMAIL_SETTINGS_KEY, INTERNAL_API_TOKEN: 'x'.repeat(32) })
  })
})
