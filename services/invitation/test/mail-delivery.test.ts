import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, waitFor } from '@repo/testing'
import { caller, createHarness, FRONTEND_DOMAIN, publishTest, type Caller, type Harness } from './helpers.js'
import { startSilentServer, startSmtpServer, type ReceivedMail, type TestSmtpServer } from './smtp.js'

type InviteJson = { id: string, invite_token: string, email_sent: boolean, email_sent_at: string | null, email_error: string | null }
type MailRow = { status: string, attempts: number, last_error: string | null }

const RELAY_LOGIN = { user: 'relay-user', password: 'relay p@ss:w0rd' }
// Long enough for STARTTLS and login on a machine under heavy load (1 s once was not).
const SEND_WAIT_MS = 3000
// Well apart from SEND_WAIT_MS, so a loaded machine cannot blur which of the two a response waited for.
const SMTP_TIMEOUT_MS = 10_000

let harness: Harness
let call: ReturnType<typeof caller>
let relay: TestSmtpServer
let testId: string
const servers: { close: () => Promise<void> }[] = []

beforeAll(async () => {
  relay = await startSmtpServer({ login: RELAY_LOGIN })
  servers.push(relay)
  harness = await createHarness({
    SMTP_URL: `smtp://${RELAY_LOGIN.user}:${encodeURIComponent(RELAY_LOGIN.password)}@127.0.0.1:${relay.port}`,
    MAIL_FROM: 'Interview Team <no-reply@platform.test>',
    // The test servers use smtp-server's built-in self-signed certificate.
    SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    SMTP_TIMEOUT_MS: String(SMTP_TIMEOUT_MS),
    MAIL_SEND_WAIT_MS: String(SEND_WAIT_MS),
    MAIL_POLL_INTERVAL_MS: '100',
    MAIL_RETRY_BASE_MS: '300',
    MAIL_RETRY_MAX_MS: '1000',
    MAIL_MAX_ATTEMPTS: '3',
    MAIL_CONCURRENCY: '3',
    EMAIL_SETTINGS_KEY: randomBytes(32).toString('base64'),
    // Attempts hold a connection while they talk SMTP.
    DB_POOL_MAX: '10'
  })
  call = caller(harness.app)
  testId = (await publishTest(harness, undefined, 1, 'Backend <basics> & more')).testId
})
afterAll(async () => {
  await harness.cleanup()
  for (const server of servers) await server.close()
})

let applicants = 0
const nextEmail = () => `applicant-${++applicants}@example.com`

async function invite (admin: Caller, overrides: Record<string, unknown> = {}): Promise<InviteJson> {
  const response = await call('POST', '/api/invites', admin, { test_id: testId, applicant_email: nextEmail(), applicant_name: 'Ann', ...overrides })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<InviteJson>()
}

/** An admin whose own saved settings point at `port` on this machine. */
async function adminUsing (port: number, settings: Record<string, unknown> = {}): Promise<Caller> {
  const admin = harness.caller('admin')
  const response = await call('PUT', '/api/admin/email-settings', admin, { smtpHost: '127.0.0.1', smtpPort: port, ...settings })
  expect(response.statusCode, response.body).toBe(200)
  return admin
}

const mailOf = async (inviteId: string): Promise<MailRow | undefined> => {
  const { rows } = await harness.admin.query<MailRow>('SELECT status, attempts, last_error FROM invitation.mail_outbox WHERE invite_id = $1', [inviteId])
  return rows[0]
}
const inviteRow = async (id: string) => {
  const { rows } = await harness.admin.query<{ email_sent: boolean, email_sent_at: Date | null, email_error: string | null }>(
    'SELECT email_sent, email_sent_at, email_error FROM invitation.invites WHERE id = $1', [id])
  return rows[0]
}
const to = (server: TestSmtpServer, address: string): ReceivedMail[] => server.received.filter((mail) => mail.to.includes(address))

describe('invite e-mail over SMTP', () => {
  it('goes through SMTP_URL (STARTTLS, login) before the answer: subject, From, link in both bodies, names escaped', async () => {
    const admin = harness.caller('admin')
    const email = nextEmail()
    const created = await invite(admin, { applicant_email: email, applicant_name: 'Eve <script>alert(1)</script>' })
    expect(created).toMatchObject({ email_sent: true, email_sent_at: expect.stringMatching(/Z$/), email_error: null })

    const [mail] = to(relay, email)
    const link = `${FRONTEND_DOMAIN}/test-invite/${created.invite_token}`
    expect(mail).toMatchObject({ to: [email], subject: 'Test Invitation: Backend <basics> & more', login: RELAY_LOGIN })
    expect(mail?.from).toBe('Interview Team <no-reply@platform.test>')
    expect(mail?.html).toContain(`href="${link}"`)
    expect(mail?.text).toContain(link)
    expect(mail?.html).toContain('Hello Eve &lt;script&gt;alert(1)&lt;/script&gt;,')
    expect(mail?.html).toContain('Backend &lt;basics&gt; &amp; more')
    expect(mail?.html).not.toContain('<script>')
    expect(mail?.text).toContain('Sign Up & Take Test')
    expect(await mailOf(created.id)).toEqual({ status: 'sent', attempts: 1, last_error: null })

    // Neither the token nor the relay's password is ever logged.
    const logs = JSON.stringify(harness.logs)
    expect(logs).not.toContain(created.invite_token)
    expect(logs).not.toContain(RELAY_LOGIN.password)
    expect(logs).not.toContain(encodeURIComponent(RELAY_LOGIN.password))
  })

  it('goes through the inviting admin\'s own settings: their server, their login with the decrypted password, their From', async () => {
    const login = { user: 'ann@company.test', password: 'S3cret pass!' }
    const own = await startSmtpServer({ login })
    servers.push(own)
    const admin = await adminUsing(own.port, { smtpUser: login.user, smtpPassword: login.password, fromEmail: 'ann@company.test', fromName: 'Ann Recruiter' })
    const email = nextEmail()
    const created = await invite(admin, { applicant_email: email, no_schedule: true })
    expect(created.email_sent).toBe(true)
    const [mail] = to(own, email)
    expect(mail).toMatchObject({ login, from: 'Ann Recruiter <ann@company.test>', subject: 'Test Invitation: Backend <basics> & more' })
    expect(mail?.text).toContain(`Take Test Anytime: ${FRONTEND_DOMAIN}/test-invite/${created.invite_token}`)
    expect(to(relay, email)).toEqual([])
    expect(JSON.stringify(harness.logs)).not.toContain(login.password)
  })

  it('POST /admin/email-settings/test sends through the caller\'s settings, else SMTP_URL; a dead server is a 502 with the reason', async () => {
    const own = await startSmtpServer()
    servers.push(own)
    const withSettings = await adminUsing(own.port)
    const ok = await call('POST', '/api/admin/email-settings/test', withSettings, { email: 'check@example.com' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toEqual({ message: 'Test email sent successfully' })
    expect(to(own, 'check@example.com')).toHaveLength(1)

    expect((await call('POST', '/api/admin/email-settings/test', harness.caller('admin'), { email: 'relay-check@example.com' })).statusCode).toBe(200)
    expect(to(relay, 'relay-check@example.com')).toHaveLength(1)

    const nobody = await adminUsing(await freePort())
    const failed = await call('POST', '/api/admin/email-settings/test', nobody, { email: 'check@example.com' })
    expect(failed.statusCode).toBe(502)
    expect(failed.json()).toEqual({ detail: expect.stringMatching(/^Email test failed: SMTP delivery failed: .*ECONNREFUSED/), code: 'INVITATION_EMAIL_TEST_FAILED' })
    // Never retried: the admin saw the failure.
    const { rows } = await harness.admin.query("SELECT status, attempts FROM invitation.mail_outbox WHERE kind = 'settings_test' AND sender_admin_id = $1", [nobody.id])
    expect(rows).toEqual([{ status: 'failed', attempts: 1 }])
  })

  it('is retried with backoff while the server is down, and delivered exactly once when it comes up', async () => {
    const port = await freePort()
    const admin = await adminUsing(port)
    const email = nextEmail()
    const created = await invite(admin, { applicant_email: email })
    expect(created).toMatchObject({ email_sent: false, email_sent_at: null, email_error: expect.stringMatching(/^SMTP delivery failed: .*ECONNREFUSED/) })
    expect(await mailOf(created.id)).toMatchObject({ status: 'pending', attempts: 1 })

    const server = await startSmtpServer({ port })
    servers.push(server)
    await server.waitForMail(1)
    await waitFor('the invite to record the delivery', async () => (await inviteRow(created.id))?.email_sent === true || undefined)
    expect(await inviteRow(created.id)).toMatchObject({ email_sent: true, email_sent_at: expect.any(Date), email_error: null })
    expect(await mailOf(created.id)).toEqual({ status: 'sent', attempts: 2, last_error: null })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(to(server, email)).toHaveLength(1)
  })

  it('answers within MAIL_SEND_WAIT_MS when the server hangs; the attempt times out, and a retry delivers once a server answers', async () => {
    const silent = await startSilentServer()
    const admin = await adminUsing(silent.port)
    const started = Date.now()
    const created = await invite(admin)
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(SEND_WAIT_MS - 50)
    expect(elapsed).toBeLessThan(SEND_WAIT_MS + 3000)
    expect(created).toMatchObject({ email_sent: false, email_error: null })

    // The attempt goes on in the background until SMTP_TIMEOUT_MS ends it.
    const failed = await waitFor('the hanging attempt to time out', async () => {
      const mail = await mailOf(created.id)
      return mail?.attempts === 1 ? mail : undefined
    }, SMTP_TIMEOUT_MS + 6000)
    expect(Date.now() - started).toBeLessThan(SMTP_TIMEOUT_MS + 4000)
    expect(failed).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/Greeting never received|timeout/i) })
    expect((await inviteRow(created.id))?.email_error).toMatch(/^SMTP delivery failed/)

    await silent.close()
    const server = await startSmtpServer({ port: silent.port })
    servers.push(server)
    await server.waitForMail(1)
    await waitFor('the retry to be recorded', async () => (await mailOf(created.id))?.status === 'sent' || undefined)
    expect((await inviteRow(created.id))?.email_error).toBeNull()
  }, 60_000)

  it('gives up after MAIL_MAX_ATTEMPTS, keeping the last error on the mail and the invite', async () => {
    const admin = await adminUsing(await freePort())
    const created = await invite(admin)
    const mail = await waitFor('the mail to fail for good', async () => {
      const row = await mailOf(created.id)
      return row?.status === 'failed' ? row : undefined
    })
    expect(mail).toMatchObject({ attempts: 3, last_error: expect.stringContaining('ECONNREFUSED') })
    expect(await inviteRow(created.id)).toMatchObject({ email_sent: false, email_error: mail.last_error })
  })

  it('bulk: the created rows\' mails arrive, each once; failed rows get none', async () => {
    const own = await startSmtpServer()
    servers.push(own)
    const admin = await adminUsing(own.port)
    const good = [nextEmail(), nextEmail(), nextEmail()]
    const response = await call('POST', '/api/invites/bulk', admin, {
      test_id: testId,
      applicants: [{ applicant_email: good[0], applicant_name: 'A' }, { applicant_email: 'bad-address', applicant_name: 'B' }, { applicant_email: good[1], applicant_name: 'C' }, { applicant_email: good[2], applicant_name: 'D' }]
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ created: 3, failed: 1 })
    await own.waitForMail(3)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(own.received.map((mail) => mail.to[0]).sort()).toEqual([...good].sort())
  })
})

describe('replicas', () => {
  it('deliver a backlog together and never send one mail twice', async () => {
    const replica = await harness.replica()
    // The replica may take a fresh mail only once its first attempt is due (MAIL_SEND_WAIT_MS + 1 s, 4 s
    // here). Each mail takes at least 1 s on this server and the requesting instance sends 3 at a time
    // (MAIL_CONCURRENCY), so at most 12 of the 24 can be done by then, however fast or loaded the machine.
    // (A server that is down first would race MAIL_MAX_ATTEMPTS on a loaded machine: mails that used up
    // their attempts before it came up were never sent.)
    const server = await startSmtpServer({ dataDelayMs: 1000 })
    servers.push(server)
    const admin = await adminUsing(server.port)
    const emails = Array.from({ length: 24 }, nextEmail)
    const response = await call('POST', '/api/invites/bulk', admin, { test_id: testId, applicants: emails.map((email) => ({ applicant_email: email, applicant_name: 'R' })) })
    expect(response.json()).toMatchObject({ created: 24, failed: 0 })
    const ids = response.json<{ results: { invite: { id: string } }[] }>().results.map((row) => row.invite.id)

    await server.waitForMail(24)
    await waitFor('every mail to be recorded as sent', async () => {
      const { rows } = await harness.admin.query<{ n: number }>("SELECT count(*)::int AS n FROM invitation.mail_outbox WHERE invite_id = ANY($1) AND status = 'sent'", [ids])
      return rows[0]?.n === 24 || undefined
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(server.received.map((mail) => mail.to[0]).sort()).toEqual([...emails].sort())
    // Both replicas took part.
    const sentBy = (logs: Record<string, unknown>[]) => logs.filter((line) => line['msg'] === 'e-mail sent' && typeof line['inviteId'] === 'string' && ids.includes(line['inviteId'])).length
    expect(sentBy(harness.logs) + sentBy(replica.logs)).toBe(24)
    expect(sentBy(harness.logs)).toBeGreaterThan(0)
    expect(sentBy(replica.logs)).toBeGreaterThan(0)
  })
})
