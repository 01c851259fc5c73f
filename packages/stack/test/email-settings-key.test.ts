import { statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { emailSettingsKey, emailSettingsKeyFile } from '../src/email-settings-key.js'

let root: string | undefined
afterEach(async () => { if (root !== undefined) await rm(root, { recursive: true, force: true }) })

describe('emailSettingsKey', () => {
  it('makes 32 random bytes once, keeps them owner-only under .data, and reads them back on the next start', async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-key-'))
    const lines: string[] = []
    const first = await emailSettingsKey(root, {}, (line) => lines.push(line))
    expect(Buffer.from(first, 'base64')).toHaveLength(32)
    expect(statSync(emailSettingsKeyFile(root)).mode & 0o777).toBe(0o600)
    expect(await emailSettingsKey(root, {}, (line) => lines.push(line))).toBe(first)
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain(first)
  })

  it('uses the environment\'s key and writes nothing', async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-key-'))
    expect(await emailSettingsKey(root, { EMAIL_SETTINGS_KEY: 'given' }, () => {})).toBe('given')
    expect(() => statSync(emailSettingsKeyFile(root ?? ''))).toThrow()
  })
})
