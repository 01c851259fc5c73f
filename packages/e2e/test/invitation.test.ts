import { beforeAll, describe, expect, inject, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { client, screeningTest, type Json } from '../src/client.js'
import { readCaughtMail } from '../src/mail-catcher.js'
import { SUPERADMIN } from '../src/superadmin.js'

// Invitation's public surface through the gateway (API.md 2.3, 2.4, /my-invites): an admin invites,
// the applicant opens the link, starts, autosaves and submits against the server's clock.
const api = client(`${inject('gatewayUrl')}/api`)
const unique = Date.now().toString(36)
const applicant = { email: `Invitee-${unique}@Example.com`, password: 'correct horse battery', full_name: 'Ivy Invitee' }

const login = api.login

describe('invitation through the gateway', () => {
  let adminToken: string
  let test: Json
  let invite: Json

  beforeAll(async () => {
    adminToken = await login(SUPERADMIN.email, SUPERADMIN.password)
    const created = await api.post('/tests', screeningTest(`Invitation e2e ${unique}`), adminToken)
    expect(created.status, JSON.stringify(created.body)).toBe(200)
    test = created.body
  })

  it('invites right after the test is created (the event may not have arrived yet)', async () => {
    const response = await api.post('/invites', { test_id: test.id, applicant_email: applicant.email, applicant_name: applicant.full_name }, adminToken)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    invite = response.body
    expect(invite).toMatchObject({ test_id: test.id, applicant_email: applicant.email, status: 'sent' })
    // 256 random bits, base64url (D8).
    expect(invite.invite_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const list = await api.get(`/invites?email_search=${encodeURIComponent(`invitee-${unique}`)}`, adminToken)
    expect(list.body.map((row: Json) => row.id)).toEqual([invite.id])
  })

  it('e-mails the applicant the link to the test through SMTP', async () => {
    const link = `${inject('frontendDomain')}/test-invite/${invite.invite_token as string}`
    const mail = await waitFor('the invite e-mail', async () => {
      const caught = (await readCaughtMail(inject('mailFolder'))).filter((message) => message.to.some((address) => address.toLowerCase() === applicant.email.toLowerCase()))
      return caught.length > 0 ? caught : undefined
    })
    expect(mail).toHaveLength(1)
    expect(mail[0]?.subject).toBe(`Test Invitation: ${test.title as string}`)
    expect(mail[0]?.text).toContain(link)
    expect(mail[0]?.html).toContain(link)
    const listed = await api.get(`/invites?email_search=${encodeURIComponent(`invitee-${unique}`)}`, adminToken)
    expect(listed.body[0]).toMatchObject({ email_sent: true, email_error: null })
  })

  it('shows the invite by token to anyone holding it, without answer keys (D4)', async () => {
    const response = await api.get(`/invites/token/${invite.invite_token as string}`)
    expect(response.status).toBe(200)
    expect(response.body.test.title).toBe(test.title)
    expect(JSON.stringify(response.body)).not.toMatch(/correct_?answer/i)
    expect((await api.get('/invites/token/not-a-token')).status).toBe(404)
  })

  it('lists the invite in the applicant\'s /my-invites, matched by e-mail case-insensitively', async () => {
    expect((await api.post('/auth/register', { ...applicant, email: applicant.email.toLowerCase() })).status).toBe(200)
    const token = await login(applicant.email.toLowerCase(), applicant.password)
    const mine = await api.get('/my-invites', token)
    expect(mine.status).toBe(200)
    expect(mine.body).toEqual([expect.objectContaining({ id: invite.id, test_title: test.title, test_duration_minutes: 30 })])
  })

  it('takes the test: start, autosave, submit once, against the server clock', async () => {
    const token = invite.invite_token as string
    const mcq = test.questions[0].id as string
    expect((await api.post(`/start-test/${token}`)).body).toEqual({ message: 'Test started successfully', status: 'in_progress' })
    const saved = await api.put(`/take-test/${token}/answers`, { answers: [{ question_id: mcq, answer: '5432' }] })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const taking = await api.get(`/take-test/${token}`)
    expect(taking.status).toBe(200)
    expect(taking.body.remaining_time_seconds).toBeGreaterThan(29 * 60)
    expect(taking.body.remaining_time_seconds).toBeLessThanOrEqual(30 * 60)
    expect(JSON.stringify(taking.body)).not.toMatch(/correct_?answer/i)

    const submitted = await api.post(`/submit-test/${token}`, { answers: [] })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(submitted.body).toMatchObject({ message: 'Test submitted successfully', scoring_status: 'pending', needs_manual_review: true, score: null })
    expect((await api.post(`/submit-test/${token}`, { answers: [] })).status).toBe(409)
    expect((await api.post(`/start-test/${token}`)).status).toBe(409)
  })

  it('answers 422 for a bad invite body and 403 for an applicant', async () => {
    const bad = await api.post('/invites', { test_id: test.id, applicant_email: 'not-an-email', applicant_name: 'X' }, adminToken)
    expect(bad.status).toBe(422)
    const applicantToken = await login(applicant.email.toLowerCase(), applicant.password)
    expect((await api.post('/invites', { test_id: test.id, applicant_email: 'a@example.com', applicant_name: 'A' }, applicantToken)).status).toBe(403)
  })

  it('refuses invites for a force-deleted test once invitation has heard of it (404)', async () => {
    const doomed = (await api.post('/tests', screeningTest(`Doomed ${unique}`), adminToken)).body
    expect((await api.delete(`/tests/${doomed.id as string}/force`, adminToken)).status).toBe(200)
    await waitFor('the delete to reach invitation', async () => {
      const response = await api.post('/invites', { test_id: doomed.id, applicant_email: 'late@example.com', applicant_name: 'Late' }, adminToken)
      return response.status === 404 ? true : undefined
    })
  })

  it('revokes and extends invites (beyond the original)', async () => {
    const other = (await api.post('/invites', { test_id: test.id, applicant_email: `other-${unique}@example.com`, applicant_name: 'Otto' }, adminToken)).body
    const extended = await api.post(`/invites/${other.id as string}/extend`, { extra_minutes: 15 }, adminToken)
    expect(extended.status, JSON.stringify(extended.body)).toBe(200)
    expect(extended.body.extra_minutes).toBe(15)
    const revoked = await api.post(`/invites/${other.id as string}/revoke`, undefined, adminToken)
    expect(revoked.body.status).toBe('revoked')
    expect((await api.post(`/start-test/${other.invite_token as string}`)).status).toBe(409)
  })

  it('refuses invites for a soft-deleted test once invitation has heard of it (404)', async () => {
    const retired = (await api.post('/tests', screeningTest(`Retired ${unique}`), adminToken)).body
    expect((await api.delete(`/tests/${retired.id as string}`, adminToken)).status).toBe(200)
    await waitFor('the archive to reach invitation', async () => {
      const response = await api.post('/invites', { test_id: retired.id, applicant_email: 'late@example.com', applicant_name: 'Late' }, adminToken)
      return response.status === 404 ? true : undefined
    })
  })

  it('keeps the admin\'s e-mail settings, never showing the saved password (D14)', async () => {
    const saved = await api.put('/admin/email-settings', { smtpHost: 'smtp.example.com', smtpPort: 587, smtpUser: 'mailer', smtpPassword: 'hunter2-secret', fromEmail: 'hr@example.com', fromName: 'HR' }, adminToken)
    expect(saved.body).toEqual({ message: 'Email settings updated successfully' })
    const read = await api.get('/admin/email-settings', adminToken)
    expect(read.body).toEqual({ smtpHost: 'smtp.example.com', smtpPort: 587, smtpUser: 'mailer', smtpPassword: '********', fromEmail: 'hr@example.com', fromName: 'HR' })
    // Back to none, so the suite's invites keep going through SMTP_URL.
    expect((await api.put('/admin/email-settings', { smtpHost: '', smtpPassword: '' }, adminToken)).status).toBe(200)
  })
})
