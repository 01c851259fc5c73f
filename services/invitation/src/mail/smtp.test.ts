import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { encryptSecret } from './secret-box.js'
import { chooseRoute, describeSmtpError, parseSmtpUrl, settingsSecretContext, type GlobalSmtp, type SavedSmtpSettings } from './smtp.js'

describe('parseSmtpUrl', () => {
  it('reads host, port, TLS mode and percent-decoded credentials', () => {
    expect(parseSmtpUrl('smtp://us%40er:p%3Ass@mail.example.com:2525')).toEqual({ host: 'mail.example.com', port: 2525, secure: false, requireTLS: false, user: 'us@er', password: 'p:ss' })
    expect(parseSmtpUrl('smtp://relay.local')).toMatchObject({ port: 587, secure: false, user: '', password: '' })
    expect(parseSmtpUrl('smtps://relay.local')).toMatchObject({ port: 465, secure: true })
  })

  it('refuses other schemes and non-URLs', () => {
    expect(() => parseSmtpUrl('http://relay.local')).toThrow(/smtp:\/\//)
    expect(() => parseSmtpUrl('smtp://')).toThrow()
  })
})

describe('chooseRoute', () => {
  const key = randomBytes(32)
  const global: GlobalSmtp = { endpoint: parseSmtpUrl('smtp://relay.local:25'), mailFrom: 'Interview Team <no-reply@example.com>', settingsKey: key }
  const settings = (overrides: Partial<SavedSmtpSettings> = {}): SavedSmtpSettings => ({
    adminId: 'admin-1', smtpHost: 'smtp.admin.com', smtpPort: 587, smtpUser: 'ann', smtpPasswordEncrypted: encryptSecret(key, 'pw', settingsSecretContext('admin-1')), fromEmail: 'ann@admin.com', fromName: 'Ann', ...overrides
  })

  it('uses the admin\'s own server with STARTTLS required, the decrypted password and the admin\'s From', () => {
    expect(chooseRoute(settings(), global)).toEqual({
      kind: 'smtp',
      source: 'admin_settings',
      endpoint: { host: 'smtp.admin.com', port: 587, secure: false, requireTLS: true, user: 'ann', password: 'pw' },
      from: { name: 'Ann', address: 'ann@admin.com' }
    })
    expect(chooseRoute(settings({ smtpPort: 465 }), global)).toMatchObject({ endpoint: { secure: true, requireTLS: false } })
    expect(chooseRoute(settings({ fromEmail: '', smtpPasswordEncrypted: null }), global)).toMatchObject({ endpoint: { password: '' }, from: global.mailFrom })
  })

  it('falls back to SMTP_URL with MAIL_FROM when the admin has no host, and to nothing without SMTP_URL', () => {
    expect(chooseRoute(settings({ smtpHost: ' ' }), global)).toEqual({ kind: 'smtp', source: 'smtp_url', endpoint: global.endpoint, from: global.mailFrom })
    expect(chooseRoute(undefined, global)).toMatchObject({ kind: 'smtp', source: 'smtp_url' })
    expect(chooseRoute(undefined, { ...global, endpoint: null })).toEqual({ kind: 'not_configured' })
  })

  it('cannot use a password it cannot decrypt: no key, another key, or another admin\'s row', () => {
    expect(chooseRoute(settings(), { ...global, settingsKey: null })).toMatchObject({ kind: 'unusable', reason: expect.stringContaining('EMAIL_SETTINGS_KEY') })
    expect(chooseRoute(settings(), { ...global, settingsKey: randomBytes(32) })).toMatchObject({ kind: 'unusable' })
    expect(chooseRoute(settings({ adminId: 'admin-2' }), global)).toMatchObject({ kind: 'unusable' })
  })
})

describe('describeSmtpError', () => {
  it('is one short line without the password', () => {
    const endpoint = parseSmtpUrl('smtp://u:s3cret@relay.local')
    expect(describeSmtpError(new Error('Invalid login:\n535 bad s3cret'), endpoint)).toBe('SMTP delivery failed: Invalid login: 535 bad [redacted]')
    expect(describeSmtpError(new Error('x'.repeat(1000)), endpoint)).toHaveLength(300)
  })
})
