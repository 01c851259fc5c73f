import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@repo/events'
import { ConfigError, loadConfig } from '@repo/kit'
import { InvitationConfigSchema } from '../src/config.js'
import { decryptSecret, parseSecretKey } from '../src/mail/secret-box.js'
import { settingsSecretContext } from '../src/mail/smtp.js'
import { caller, createHarness, FRONTEND_DOMAIN, publishTest, type Caller, type Harness } from './helpers.js'
import { startSmtpServer, type TestSmtpServer } from './smtp.js'

// No SMTP_URL here: only an admin's own saved settings can send.
const KEY = randomBytes(32).toString('hex')
const DEFAULTS = { smtpHost: '', smtpPort: 587, smtpUser: '', smtpPassword: '', fromEmail: '', fromName: '12th Wonder Interview Platform' }

let harness: Harness
let call: ReturnType<typeof caller>
let server: TestSmtpServer

beforeAll(async () => {
  server = await startSmtpServer({ login: { user: 'smtp-user', password: 'pa55 word' } })
  harness = await createHarness({ EMAIL_SETTINGS_KEY: KEY, SMTP_TLS_REJECT_UNAUTHORIZED: 'false', MAIL_SEND_WAIT_MS: '2000', SMTP_TIMEOUT_MS: '3000' })
  call = caller(harness.app)
})
afterAll(async () => {
  await harness.cleanup()
  await server.close()
})

const settingsOf = async (admin: Caller) => {
  const response = await call('GET', '/api/admin/email-settings', admin)
  expect(response.statusCode, response.body).toBe(200)
  return response.json<Record<string, unknown>>()
}
const put = async (admin: Caller, body: Record<string, unknown>) => await call('PUT', '/api/admin/email-settings', admin, body)
const storedPassword = async (admin: Caller): Promise<string | null | undefined> => {
  const { rows } = await harness.admin.query<{ smtp_password_encrypted: string | null }>('SELECT smtp_password_encrypted FROM invitation.email_settings WHERE admin_id = $1', [admin.id])
  return rows[0]?.smtp_password_encrypted
}

describe('GET/PUT /api/admin/email-settings', () => {
  it('shows the defaults until the admin saves, then the saved values with the password masked', async () => {
    const admin = harness.caller('admin')
    expect(await settingsOf(admin)).toEqual(DEFAULTS)
    const saved = { smtpHost: 'smtp.example.com', smtpPort: 2525, smtpUser: 'me@example.com', smtpPassword: 'hunter2 secret', fromEmail: 'me@example.com', fromName: 'Hiring Team' }
    const response = await put(admin, saved)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ message: 'Email settings updated successfully' })
    expect(await settingsOf(admin)).toEqual({ ...saved, smtpPassword: '********' })
    // Per admin: another admin still sees the defaults.
    expect(await settingsOf(harness.caller('admin'))).toEqual(DEFAULTS)
    expect(JSON.stringify(harness.logs)).not.toContain('hunter2')
  })

  it('keeps the password when it is omitted or sent back masked, clears it on "", and keeps omitted fields', async () => {
    const admin = harness.caller('admin')
    await put(admin, { smtpHost: 'smtp.example.com', smtpPassword: 'first-password' })
    const first = await storedPassword(admin)
    expect(first).toEqual(expect.any(String))
    await put(admin, { smtpHost: 'smtp2.example.com', smtpPassword: '********' })
    await put(admin, { smtpPort: 465 })
    expect(await storedPassword(admin)).toBe(first)
    expect(await settingsOf(admin)).toMatchObject({ smtpHost: 'smtp2.example.com', smtpPort: 465, smtpPassword: '********' })
    await put(admin, { smtpPassword: '' })
    expect(await storedPassword(admin)).toBeNull()
    expect(await settingsOf(admin)).toMatchObject({ smtpHost: 'smtp2.example.com', smtpPassword: '' })
  })

  it('stores the password encrypted (AES-256-GCM, bound to the admin): no plaintext, and another key cannot read it', async () => {
    const admin = harness.caller('admin')
    await put(admin, { smtpHost: 'smtp.example.com', smtpPassword: 'plain-text-never-stored' })
    const stored = await storedPassword(admin) ?? ''
    expect(stored).not.toContain('plain-text-never-stored')
    expect(Buffer.from(stored.slice(3), 'base64url').toString('latin1')).not.toContain('plain-text-never-stored')
    const { rows } = await harness.admin.query("SELECT count(*)::int AS n FROM invitation.email_settings WHERE row_to_json(email_settings)::text LIKE '%plain-text-never-stored%'")
    expect(rows[0]).toEqual({ n: 0 })
    expect(decryptSecret(parseSecretKey(KEY), stored, settingsSecretContext(admin.id))).toBe('plain-text-never-stored')
    expect(() => decryptSecret(randomBytes(32), stored, settingsSecretContext(admin.id))).toThrow()
  })

  it('answers 422 for a bad port, host, From address or name, and saves nothing', async () => {
    const admin = harness.caller('admin')
    for (const body of [{ smtpPort: 0 }, { smtpPort: 65536 }, { smtpPort: 'abc' }, { smtpHost: 'bad host!' }, { smtpHost: 'x'.repeat(300) }, { fromEmail: 'not-an-email' }, { fromName: 'Evil\r\nBcc: x@example.com' }]) {
      const response = await put(admin, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(422)
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
    expect(await settingsOf(admin)).toEqual(DEFAULTS)
    expect((await put(admin, { fromEmail: '', smtpHost: '10.0.0.1' })).statusCode).toBe(200)
  })

  it('is for admins only', async () => {
    expect((await call('GET', '/api/admin/email-settings')).statusCode).toBe(401)
    expect((await call('GET', '/api/admin/email-settings', harness.caller('applicant'))).statusCode).toBe(403)
    expect((await call('PUT', '/api/admin/email-settings', harness.caller('applicant'), {})).statusCode).toBe(403)
    expect((await call('POST', '/api/admin/email-settings/test', harness.caller('applicant'), { email: 'a@example.com' })).statusCode).toBe(403)
  })
})

describe('without EMAIL_SETTINGS_KEY', () => {
  it('refuses to save a password (503, never plaintext) but saves everything else', async () => {
    const keyless = await harness.replica({ EMAIL_SETTINGS_KEY: '' })
    const admin = harness.caller('admin')
    const refused = await caller(keyless.app)('PUT', '/api/admin/email-settings', admin, { smtpHost: 'smtp.example.com', smtpPassword: 'would-be-plaintext' })
    expect(refused.statusCode).toBe(503)
    expect(refused.json()).toEqual({ detail: expect.stringContaining('EMAIL_SETTINGS_KEY'), code: 'INVITATION_EMAIL_SETTINGS_KEY_MISSING' })
    expect(await storedPassword(admin)).toBeUndefined()
    expect((await caller(keyless.app)('PUT', '/api/admin/email-settings', admin, { smtpHost: 'smtp.example.com', smtpPassword: '' })).statusCode).toBe(200)
    expect(await storedPassword(admin)).toBeNull()
  })

  it('rejects a key that is not 32 bytes when the configuration is loaded', () => {
    const env = { DATABASE_URL: 'postgres://x/y', EMAIL_SETTINGS_KEY: randomBytes(16).toString('hex') }
    expect(() => loadConfig(InvitationConfigSchema, env)).toThrow(ConfigError)
    expect(() => loadConfig(InvitationConfigSchema, { ...env, EMAIL_SETTINGS_KEY: randomBytes(32).toString('base64') })).not.toThrow()
    expect(() => loadConfig(InvitationConfigSchema, { ...env, SMTP_URL: 'http://relay' })).toThrow(/SMTP_URL/)
  })
})

describe('POST /api/admin/email-settings/test', () => {
  it('sends through the caller\'s settings with the decrypted password', async () => {
    const admin = harness.caller('admin')
    await put(admin, { smtpHost: '127.0.0.1', smtpPort: server.port, smtpUser: 'smtp-user', smtpPassword: 'pa55 word', fromEmail: 'hr@example.com', fromName: 'HR' })
    const response = await call('POST', '/api/admin/email-settings/test', admin, { email: 'probe@example.com' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ message: 'Test email sent successfully' })
    expect(server.received.find((mail) => mail.to.includes('probe@example.com'))).toMatchObject({ from: 'HR <hr@example.com>', login: { user: 'smtp-user', password: 'pa55 word' } })
  })

  it('answers 400 when nothing can send, 422 for a missing or bad address', async () => {
    const admin = harness.caller('admin')
    const response = await call('POST', '/api/admin/email-settings/test', admin, { email: 'probe@example.com' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ detail: expect.stringContaining('not configured'), code: 'INVITATION_EMAIL_NOT_CONFIGURED' })
    for (const body of [{}, { email: '' }, { email: 'nope' }]) {
      expect((await call('POST', '/api/admin/email-settings/test', admin, body)).statusCode, JSON.stringify(body)).toBe(422)
    }
  })

  it('answers 502 with the reason when the saved password cannot be decrypted (EMAIL_SETTINGS_KEY changed)', async () => {
    const admin = harness.caller('admin')
    await put(admin, { smtpHost: '127.0.0.1', smtpPort: server.port, smtpUser: 'smtp-user', smtpPassword: 'pa55 word' })
    const rekeyed = await harness.replica({ EMAIL_SETTINGS_KEY: randomBytes(32).toString('hex') })
    const response = await caller(rekeyed.app)('POST', '/api/admin/email-settings/test', admin, { email: 'probe@example.com' })
    expect(response.statusCode).toBe(502)
    expect(response.json()).toEqual({ detail: expect.stringMatching(/^Email test failed: .*EMAIL_SETTINGS_KEY/), code: 'INVITATION_EMAIL_TEST_FAILED' })
  })
})

type InviteJson = { id: string, invite_token: string, email_sent: boolean, email_sent_at: string | null, email_error: string | null }

describe('invite e-mail without any SMTP', () => {
  let testId: string
  beforeAll(async () => { testId = (await publishTest(harness)).testId })

  const invite = async (admin: Caller, email = 'nomail@example.com'): Promise<InviteJson> => {
    const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: email, applicant_name: 'Nia' })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<InviteJson>()
  }

  it('creates the invite, keeps the mail as failed with the reason (no retries) and logs the link without the token', async () => {
    const created = await invite(harness.caller('admin'))
    expect(created).toMatchObject({ email_sent: false, email_sent_at: null, email_error: 'E-mail delivery is not configured' })
    const { rows } = await harness.admin.query('SELECT kind, status, attempts, last_error, recipient FROM invitation.mail_outbox WHERE invite_id = $1', [created.id])
    expect(rows).toEqual([{ kind: 'invite', status: 'failed', attempts: 1, last_error: 'E-mail delivery is not configured', recipient: 'nomail@example.com' }])
    const line = harness.logs.find((entry) => entry['inviteId'] === created.id && typeof entry['link'] === 'string')
    expect(line).toMatchObject({ link: `${FRONTEND_DOMAIN}/test-invite/<token of invite ${created.id}>` })
    expect(JSON.stringify(harness.logs)).not.toContain(created.invite_token)
  })

  it('POST /invites/{id}/retry-email: fails while nothing can send, sends once the admin saved settings', async () => {
    const admin = harness.caller('admin')
    const created = await invite(admin, 'retry-me@example.com')
    const retry = async () => await call('POST', `/api/invites/${created.id}/retry-email`, admin)

    const failed = await retry()
    expect(failed.statusCode).toBe(200)
    expect(failed.json()).toEqual({ message: 'Failed to send email', email_sent: false })

    await put(admin, { smtpHost: '127.0.0.1', smtpPort: server.port, smtpUser: 'smtp-user', smtpPassword: 'pa55 word' })
    const sent = await retry()
    expect(sent.json()).toEqual({ message: 'Email sent successfully', email_sent: true })
    const mails = server.received.filter((mail) => mail.to.includes('retry-me@example.com'))
    expect(mails).toHaveLength(1)
    expect(mails[0]?.text).toContain(`${FRONTEND_DOMAIN}/test-invite/${created.invite_token}`)
    const { rows } = await harness.admin.query('SELECT email_sent, email_error FROM invitation.invites WHERE id = $1', [created.id])
    expect(rows).toEqual([{ email_sent: true, email_error: null }])
    const outbox = await harness.admin.query('SELECT status, attempts FROM invitation.mail_outbox WHERE invite_id = $1', [created.id])
    expect(outbox.rows).toEqual([{ status: 'sent', attempts: 1 }])
  })

  it('retry-email answers 404 for an unknown or malformed id, 409 for a closed invite, 403 for applicants', async () => {
    const admin = harness.caller('admin')
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await call('POST', `/api/invites/${id}/retry-email`, admin)
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ detail: 'Invite not found', code: 'INVITATION_INVITE_NOT_FOUND' })
    }
    const created = await invite(admin, 'closed@example.com')
    expect((await call('POST', `/api/invites/${created.id}/retry-email`, harness.caller('applicant'))).statusCode).toBe(403)
    await harness.admin.query("UPDATE invitation.invites SET status = 'completed' WHERE id = $1", [created.id])
    const closed = await call('POST', `/api/invites/${created.id}/retry-email`, admin)
    expect(closed.statusCode).toBe(409)
    expect(closed.json()).toEqual({ detail: 'This invite is completed, so no e-mail is sent for it', code: 'INVITATION_NOT_MAILABLE' })
  })
})

describe('identity.user.deleted.v1', () => {
  it('erases the deleted address\'s invite and settings-test mails, and a deleted admin\'s settings', async () => {
    const count = async (where: string, value: string) => {
      const { rows } = await harness.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM invitation.${where}`, [value])
      return rows[0]?.n
    }
    const admin = harness.caller('admin')
    await put(admin, { smtpHost: '127.0.0.1', smtpPort: server.port, smtpUser: 'smtp-user', smtpPassword: 'pa55 word' })
    const { testId } = await publishTest(harness)
    expect((await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: 'gone@example.com', applicant_name: 'Gone' })).statusCode).toBe(200)
    expect((await call('POST', '/api/admin/email-settings/test', admin, { email: 'Gone@Example.com' })).statusCode).toBe(200)
    expect((await call('POST', '/api/admin/email-settings/test', admin, { email: 'stays@example.com' })).statusCode).toBe(200)
    expect(await count('mail_outbox WHERE lower(recipient) = $1', 'gone@example.com')).toBe(2)

    await harness.handled(await harness.publish(catalog.identity.UserDeletedV1, { userId: randomUUID(), email: 'gone@example.com', role: 'applicant', deletedAt: new Date().toISOString() }))
    // The invite mail goes with its invite (foreign key), the settings-test mail by address.
    expect(await count('mail_outbox WHERE lower(recipient) = $1', 'gone@example.com')).toBe(0)
    expect(await count('mail_outbox WHERE recipient = $1', 'stays@example.com')).toBe(1)
    expect(await count('email_settings WHERE admin_id = $1', admin.id)).toBe(1)

    await harness.handled(await harness.publish(catalog.identity.UserDeletedV1, { userId: admin.id, email: admin.email, role: 'admin', deletedAt: new Date().toISOString() }))
    expect(await count('email_settings WHERE admin_id = $1', admin.id)).toBe(0)
  })
})
