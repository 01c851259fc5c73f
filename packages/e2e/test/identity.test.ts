import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { base64url, client, type Json } from '../src/client.js'
import { SUPERADMIN } from '../src/superadmin.js'

// Identity's whole public surface, driven only through the gateway (API.md 2.1 and 2.7, D1-D7, D17).
const api = client(`${inject('gatewayUrl')}/api`)
const password = 'correct horse battery'

const applicant = { email: 'applicant@example.com', password, full_name: 'Alan Applicant' }

const login = async (email: string, secret = password): Promise<string> => await api.login(email, secret)

/** Polls until a token stops working: revocation must reach every service within 5 seconds (D6). */
async function expectRevoked (token: string): Promise<void> {
  const started = Date.now()
  await waitFor('the token to be refused', async () => (await api.get('/auth/me', token)).status === 401 ? true : undefined, 5000)
  expect(Date.now() - started).toBeLessThan(5000)
}

function forge (header: Json, payload: Json, signature = ''): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`
}

describe('identity through the gateway', () => {
  let adminToken: string
  let applicantToken: string
  let applicantId: string

  it('refuses admin sign-up once the first admin exists (made here by the ADMIN_EMAIL bootstrap)', async () => {
    expect((await api.get('/admin/check-signup-restriction')).body).toEqual({ admin_exists: true, allow_admin_signup: false })

    const second = await api.post('/auth/register', { email: 'second@example.com', password, full_name: 'Second', role: 'admin' })
    expect(second.status).toBe(403)
    expect(second.body.detail).toBe('Admin registration is not allowed. Only applicants can register when admins already exist.')
  })

  it('registers applicants, with e-mail addresses compared case-insensitively', async () => {
    const registered = await api.post('/auth/register', applicant)
    expect(registered.status).toBe(200)
    expect(registered.body).toMatchObject({ email: applicant.email, role: 'applicant', is_active: true })
    applicantId = registered.body.id as string
    const again = await api.post('/auth/register', { ...applicant, email: 'APPLICANT@example.com' })
    expect(again.status).toBe(400)
    expect(again.body.detail).toBe('Email already registered')
  })

  it('rejects bad registrations with 422 and a clear message', async () => {
    for (const body of [
      { ...applicant, email: 'x1@example.com', role: 'superuser' },
      { ...applicant, email: 'x2@example.com', password: 'short' },
      { ...applicant, email: 'not-an-email' },
      { email: 'x3@example.com', password },
      'not an object'
    ]) {
      const response = await api.post('/auth/register', body)
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.any(String), errors: expect.any(Array) })
    }
  })

  it('logs in, and answers unknown e-mail and wrong password alike', async () => {
    adminToken = await login('boss@example.com')
    applicantToken = await login(applicant.email)
    const wrongPassword = await api.post('/auth/login', { email: applicant.email, password: 'not the password' })
    const unknown = await api.post('/auth/login', { email: 'nobody@example.com', password: 'not the password' })
    for (const response of [wrongPassword, unknown]) {
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(response.body.detail).toBe('Incorrect email or password')
    }
    expect(wrongPassword.body).toEqual(unknown.body)
    const me = await api.get('/auth/me', applicantToken)
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ id: applicantId, email: applicant.email, role: 'applicant' })
  })

  it('refuses missing, tampered, foreign, unsigned and HS256 tokens with 401', async () => {
    const missing = await api.get('/auth/me')
    expect(missing.status).toBe(401)
    expect(missing.body.detail).toBe('Not authenticated')
    expect(missing.headers.get('www-authenticate')).toBe('Bearer')

    const [header = '', payload = '', signature = ''] = applicantToken.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString())
    const tampered = `${header}.${base64url(JSON.stringify({ ...claims, role: 'admin' }))}.${signature}`
    const unsigned = forge({ alg: 'none', typ: 'JWT', kid: decodedHeader.kid }, claims)
    const hs256 = forge({ alg: 'HS256', typ: 'JWT', kid: decodedHeader.kid }, claims, 'c2lnbmF0dXJl')
    const { privateKey } = generateKeyPairSync('ed25519')
    const foreignUnsigned = `${base64url(JSON.stringify({ ...decodedHeader }))}.${base64url(JSON.stringify(claims))}`
    const foreign = `${foreignUnsigned}.${base64url(sign(null, Buffer.from(foreignUnsigned), privateKey))}`
    for (const token of [tampered, unsigned, hs256, foreign, 'not.a.token']) {
      const response = await api.get('/auth/me', token)
      expect(response.status, token).toBe(401)
      expect(response.body).toMatchObject({ detail: 'Could not validate credentials' })
    }
    expect((await api.get('/admin/applicants', tampered)).status).toBe(401)
  })

  it('answers 403 to an applicant on admin routes, with the original texts', async () => {
    const list = await api.get('/admin/applicants', applicantToken)
    expect(list.status).toBe(403)
    expect(list.body.detail).toBe('Not enough permissions')
    const superOnly = await api.get('/admin/is-first-admin', applicantToken)
    expect(superOnly.status).toBe(403)
    expect(superOnly.body.detail).toBe('Admin access required')
  })

  it('keeps theme settings per admin', async () => {
    expect((await api.get('/admin/theme-settings', adminToken)).body).toEqual({ themeName: 'classic', customColors: {} })
    const saved = await api.put('/admin/theme-settings', { themeName: 'ocean', customColors: { primary: '#0055aa' } }, adminToken)
    expect(saved.status).toBe(200)
    expect(saved.body.message).toBe('Theme settings updated successfully')
    expect((await api.get('/admin/theme-settings', adminToken)).body).toEqual({ themeName: 'ocean', customColors: { primary: '#0055aa' } })
  })

  it('lets admins list, deactivate and reactivate applicants, revoking their tokens', async () => {
    const list = await api.get('/admin/applicants?limit=10&offset=0', adminToken)
    expect(list.status).toBe(200)
    expect(list.body).toContainEqual(expect.objectContaining({ id: applicantId, email: applicant.email, is_active: true }))
    expect((await api.get('/admin/applicants?limit=0', adminToken)).status).toBe(422)

    const deactivated = await api.put(`/admin/applicants/${applicantId}/status`, { status: 'inactive' }, adminToken)
    expect(deactivated.status).toBe(200)
    expect(deactivated.body.message).toBe('Applicant status updated to inactive')
    await expectRevoked(applicantToken)
    expect((await api.post('/auth/login', { email: applicant.email, password })).status).toBe(403)
    expect((await api.put(`/admin/applicants/${applicantId}/status`, { status: 'asleep' }, adminToken)).status).toBe(422)

    expect((await api.put(`/admin/applicants/${applicantId}/status`, { status: 'active' }, adminToken)).status).toBe(200)
    applicantToken = await login(applicant.email)
    expect((await api.get('/auth/me', applicantToken)).status).toBe(200)
  })

  it('lets only the superadmin manage admins', async () => {
    const first = await api.get('/admin/is-first-admin', adminToken)
    expect(first.body).toMatchObject({ is_first_admin: true, first_admin: { email: SUPERADMIN.email } })

    const created = await api.post('/admin/create-admin', { email: 'deputy@example.com', password, full_name: 'Deputy' }, adminToken)
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ message: 'Admin created successfully', admin: { email: 'deputy@example.com', role: 'admin' } })
    const deputyId = created.body.admin.id as string
    expect((await api.post('/admin/create-admin', { email: 'DEPUTY@example.com', password, full_name: 'Twin' }, adminToken)).status).toBe(400)

    const admins = await api.get('/admin/list-admins', adminToken)
    expect(admins.body).toEqual(expect.arrayContaining([
      expect.objectContaining({ email: SUPERADMIN.email, is_first_admin: true }),
      expect.objectContaining({ email: 'deputy@example.com', is_first_admin: false })
    ]))

    let deputyToken = await login('deputy@example.com')
    expect((await api.get('/admin/is-first-admin', deputyToken)).body.is_first_admin).toBe(false)
    const refused = await api.post('/admin/create-admin', { email: 'third@example.com', password, full_name: 'Third' }, deputyToken)
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toBe('Only the superadmin can create other admins')
    expect((await api.get('/admin/list-admins', deputyToken)).body.detail).toBe('Only the superadmin can manage other admins')

    expect((await api.put(`/admin/change-password/${deputyId}`, { new_password: 'short' }, adminToken)).status).toBe(422)
    const changed = await api.put(`/admin/change-password/${deputyId}`, { new_password: 'a brand new passphrase' }, adminToken)
    expect(changed.status).toBe(200)
    expect(changed.body.message).toBe('Password changed successfully for deputy@example.com')
    await expectRevoked(deputyToken)
    deputyToken = await login('deputy@example.com', 'a brand new passphrase')

    const superId = first.body.first_admin.id as string
    const notSuper = await api.delete(`/admin/delete-admin/${superId}`, adminToken)
    expect(notSuper.status).toBe(400)
    expect(notSuper.body.detail).toBe('Cannot delete the superadmin')
    const deleted = await api.delete(`/admin/delete-admin/${deputyId}`, adminToken)
    expect(deleted.status).toBe(200)
    expect(deleted.body.message).toBe('Admin deputy@example.com deleted successfully')
    await expectRevoked(deputyToken)
    expect((await api.delete(`/admin/delete-admin/${deputyId}`, adminToken)).status).toBe(404)
  })

  it('deletes an applicant and everything of theirs, revoking their tokens', async () => {
    const deleted = await api.delete(`/admin/applicants/${applicantId}`, adminToken)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toMatchObject({ message: "Applicant 'Alan Applicant' and all associated data deleted successfully", applicant_email: applicant.email })
    await expectRevoked(applicantToken)
    expect((await api.delete(`/admin/applicants/${applicantId}`, adminToken)).status).toBe(404)
    expect((await api.delete('/admin/applicants/not-a-uuid', adminToken)).status).toBe(404)
    expect((await api.get('/admin/applicants', adminToken)).body).not.toContainEqual(expect.objectContaining({ id: applicantId }))
  })

  it('limits failed logins per account with 429 and Retry-After', async () => {
    expect((await api.post('/auth/register', { email: 'target@example.com', password, full_name: 'Target' })).status).toBe(200)
    let limited: Awaited<ReturnType<typeof api.post>> | undefined
    for (let attempt = 0; attempt < 30 && limited === undefined; attempt++) {
      const response = await api.post('/auth/login', { email: 'target@example.com', password: `wrong-${attempt}` })
      if (response.status === 429) limited = response
      else expect(response.status).toBe(401)
    }
    expect(limited?.body.code).toBe('IDENTITY_RATE_LIMITED')
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
