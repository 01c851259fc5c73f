import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { freePort } from '@repo/testing'
import { IdentityConfigSchema } from '../src/config.js'
import { account, bearer, createHarness, email, login, register, type Account, type Harness } from './helpers.js'

let harness: Harness
let app: ServiceApp
let superadmin: Account
let otherAdmin: Account
let applicant: Account

/** The events about a user in the outbox, oldest first; the user.created of its making left out unless asked for. */
async function outboxFor (userId: string, options: { withCreated?: boolean } = {}): Promise<{ subject: string, data: Record<string, unknown> }[]> {
  const { rows } = await harness.admin.query<{ subject: string, envelope: { data: Record<string, unknown> } }>(
    "SELECT subject, envelope FROM identity.outbox WHERE envelope->'data'->>'userId' = $1 AND ($2 OR subject <> 'identity.user.created.v1') ORDER BY seq",
    [userId, options.withCreated === true])
  return rows.map((row) => ({ subject: row.subject, data: row.envelope.data }))
}

beforeAll(async () => {
  harness = await createHarness()
  app = await harness.build()
  const before = await app.inject({ method: 'GET', url: '/api/admin/check-signup-restriction' })
  expect(before.json()).toEqual({ admin_exists: false, allow_admin_signup: true })
  superadmin = await account(app, 'admin', 'Super Admin')
  const address = email('admin')
  const created = await app.inject({ method: 'POST', url: '/api/admin/create-admin', headers: bearer(superadmin.token), payload: { email: address, password: 'other admin pw', full_name: 'Other Admin' } })
  expect(created.statusCode).toBe(200)
  const token = (await login(app, address, 'other admin pw')).json<{ access_token: string }>().access_token
  otherAdmin = { id: created.json<{ admin: { id: string } }>().admin.id, email: address, token }
  applicant = await account(app, 'applicant', 'Ann Applicant')
})
afterAll(async () => { await harness.cleanup() })

const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, who?: Account, payload?: object) =>
  app.inject({ method, url, ...(who === undefined ? {} : { headers: bearer(who.token) }), ...(payload === undefined ? {} : { payload }) })

describe('identity.user.created.v1', () => {
  it('is in the outbox for each user made by register and create-admin, in the same transaction', async () => {
    const created = (user: Account, role: string, fullName: string) => [{
      subject: 'identity.user.created.v1',
      data: { userId: user.id, email: user.email.toLowerCase(), fullName, role, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }
    }]
    expect(await outboxFor(superadmin.id, { withCreated: true })).toEqual(created(superadmin, 'admin', 'Super Admin'))
    expect(await outboxFor(otherAdmin.id, { withCreated: true })).toEqual(created(otherAdmin, 'admin', 'Other Admin'))
    expect(await outboxFor(applicant.id, { withCreated: true })).toEqual(created(applicant, 'applicant', 'Ann Applicant'))
    // A refused registration (an e-mail taken) leaves no event behind.
    const before = await harness.admin.query("SELECT 1 FROM identity.outbox WHERE subject = 'identity.user.created.v1'")
    expect((await register(app, { email: applicant.email.toUpperCase() })).statusCode).toBe(400)
    const after = await harness.admin.query("SELECT 1 FROM identity.outbox WHERE subject = 'identity.user.created.v1'")
    expect(after.rowCount).toBe(before.rowCount)
  })
})

describe('signup restriction', () => {
  it('reports that an admin exists', async () => {
    expect((await call('GET', '/api/admin/check-signup-restriction')).json()).toEqual({ admin_exists: true, allow_admin_signup: false })
  })
})

describe('applicants (admin)', () => {
  it('lists applicants with limit and offset, and 422s bad paging', async () => {
    const list = await call('GET', '/api/admin/applicants', otherAdmin)
    expect(list.statusCode).toBe(200)
    expect(list.json()).toContainEqual({ id: applicant.id, email: applicant.email, full_name: 'Ann Applicant', created_at: expect.any(String), is_active: true })
    expect(list.json<unknown[]>().every((row) => !JSON.stringify(row).includes(superadmin.email))).toBe(true)
    expect((await call('GET', '/api/admin/applicants?limit=1', otherAdmin)).json()).toHaveLength(1)
    expect((await call('GET', '/api/admin/applicants?offset=1000', otherAdmin)).json()).toEqual([])
    for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'limit=abc']) {
      expect((await call('GET', `/api/admin/applicants?${query}`, otherAdmin)).statusCode, query).toBe(422)
    }
  })

  it('answers 403 "Not enough permissions" to an applicant and 401 without a token', async () => {
    const forbidden = await call('GET', '/api/admin/applicants', applicant)
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json()).toMatchObject({ detail: 'Not enough permissions' })
    expect((await call('PUT', `/api/admin/applicants/${applicant.id}/status`, applicant, { status: 'inactive' })).statusCode).toBe(403)
    expect((await call('DELETE', `/api/admin/applicants/${applicant.id}`, applicant)).statusCode).toBe(403)
    expect((await call('GET', '/api/admin/theme-settings', applicant)).statusCode).toBe(403)
    expect((await call('GET', '/api/admin/applicants')).statusCode).toBe(401)
  })

  it('deactivates and reactivates, publishing the revocation for deactivation', async () => {
    const target = await account(app)
    const off = await call('PUT', `/api/admin/applicants/${target.id}/status`, otherAdmin, { status: 'inactive' })
    expect(off.json()).toEqual({ message: 'Applicant status updated to inactive' })
    const on = await call('PUT', `/api/admin/applicants/${target.id}/status`, otherAdmin, { status: 'active' })
    expect(on.json()).toEqual({ message: 'Applicant status updated to active' })
    const events = await outboxFor(target.id)
    expect(events).toEqual([{ subject: 'identity.user.tokens_revoked.v1', data: { userId: target.id, tokensValidFrom: expect.any(Number), reason: 'deactivated' } }])
  })

  it('answers 422 for another status and 404 for unknown, malformed and admin ids', async () => {
    expect((await call('PUT', `/api/admin/applicants/${applicant.id}/status`, otherAdmin, { status: 'banned' })).statusCode).toBe(422)
    for (const id of [crypto.randomUUID(), 'not-a-uuid', superadmin.id]) {
      for (const [method, url, body] of [['PUT', `/api/admin/applicants/${id}/status`, { status: 'inactive' }], ['DELETE', `/api/admin/applicants/${id}`, undefined]] as const) {
        const response = await call(method, url, otherAdmin, body)
        expect(response.statusCode, `${method} ${url}`).toBe(404)
        expect(response.json()).toEqual({ detail: 'Applicant not found', code: 'IDENTITY_APPLICANT_NOT_FOUND' })
      }
    }
  })

  it('deletes an applicant and publishes identity.user.deleted.v1', async () => {
    const target = await account(app, 'applicant', 'Del Eted')
    const response = await call('DELETE', `/api/admin/applicants/${target.id}`, otherAdmin)
    expect(response.statusCode).toBe(200)
    // The harness's invitation stub answers 404 by default: no count, the delete happens all the same.
    expect(response.json()).toEqual({ message: "Applicant 'Del Eted' and all associated data deleted successfully", deleted_invites_count: null, applicant_email: target.email })
    expect(await outboxFor(target.id)).toEqual([{
      subject: 'identity.user.deleted.v1',
      data: { userId: target.id, email: target.email.toLowerCase(), role: 'applicant', deletedAt: expect.any(String) }
    }])
    expect((await harness.admin.query('SELECT 1 FROM identity.users WHERE id = $1', [target.id])).rowCount).toBe(0)
  })
})

describe('DELETE /api/admin/applicants/{id}: deleted_invites_count from invitation (D17)', () => {
  const countPath = (address: string) => `/internal/applicants/invite-count?email=${encodeURIComponent(address)}`
  const userExists = async (id: string) => (await harness.admin.query('SELECT 1 FROM identity.users WHERE id = $1', [id])).rowCount === 1
  const expectDeleted = async (target: Account) => {
    expect(await userExists(target.id)).toBe(false)
    expect((await outboxFor(target.id)).map((row) => row.subject)).toEqual(['identity.user.deleted.v1'])
  }
  afterEach(() => { harness.invitation.reset() })

  it('asks invitation before deleting, with the admin\'s own token, and answers its count', async () => {
    const target = await account(app, 'applicant', 'Cou Nted')
    let existedWhenAsked: boolean | undefined
    harness.invitation.handle((_request, response) => {
      // The count must cover what the event will erase, so it is read while the applicant still exists.
      userExists(target.id).then((exists) => {
        existedWhenAsked = exists
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: 3 }))
      }, (error: unknown) => { response.writeHead(500).end(String(error)) })
    })
    const before = harness.invitation.requests.length
    const response = await call('DELETE', `/api/admin/applicants/${target.id}`, otherAdmin)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ message: "Applicant 'Cou Nted' and all associated data deleted successfully", deleted_invites_count: 3, applicant_email: target.email })
    expect(harness.invitation.requests.slice(before)).toEqual([{ method: 'GET', url: countPath(target.email), authorization: `Bearer ${otherAdmin.token}` }])
    expect(existedWhenAsked).toBe(true)
    await expectDeleted(target)
  })

  it('answers null for a refusal or an answer that is not a count, and deletes all the same', async () => {
    for (const [status, body] of [[500, { detail: 'Internal Server Error' }], [403, { detail: 'Not enough permissions' }], [200, { count: 'three' }], [200, { count: -1 }], [200, 'not json']] as const) {
      harness.invitation.handle((_request, response) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body))
      })
      const target = await account(app)
      const response = await call('DELETE', `/api/admin/applicants/${target.id}`, otherAdmin)
      expect(response.statusCode, `${status} ${JSON.stringify(body)}`).toBe(200)
      expect(response.json<{ deleted_invites_count: unknown }>().deleted_invites_count).toBeNull()
      await expectDeleted(target)
    }
  })

  it('answers null when invitation is down, and deletes all the same', async () => {
    const down = await harness.build({ INVITATION_URL: `http://127.0.0.1:${await freePort()}` })
    const target = await account(down)
    const response = await down.inject({ method: 'DELETE', url: `/api/admin/applicants/${target.id}`, headers: bearer(otherAdmin.token) })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ deleted_invites_count: null, applicant_email: target.email })
    await expectDeleted(target)
  })

  it('answers null within INVITATION_TIMEOUT_MS when invitation does not answer, and deletes all the same', async () => {
    const slow = await harness.build({ INVITATION_TIMEOUT_MS: '300' })
    // Never answers (the stub closes the connection at cleanup).
    harness.invitation.handle(() => {})
    const target = await account(slow)
    const started = Date.now()
    const response = await slow.inject({ method: 'DELETE', url: `/api/admin/applicants/${target.id}`, headers: bearer(otherAdmin.token) })
    const elapsed = Date.now() - started
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ deleted_invites_count: null })
    expect(elapsed).toBeGreaterThanOrEqual(250)
    expect(elapsed).toBeLessThan(2000)
    await expectDeleted(target)
  })

  it('does not ask invitation about an unknown applicant or an admin (404)', async () => {
    const before = harness.invitation.requests.length
    expect((await call('DELETE', `/api/admin/applicants/${randomUUID()}`, otherAdmin)).statusCode).toBe(404)
    expect((await call('DELETE', `/api/admin/applicants/${superadmin.id}`, otherAdmin)).statusCode).toBe(404)
    expect(harness.invitation.requests.length).toBe(before)
    expect(await userExists(superadmin.id)).toBe(true)
  })

  it('defaults INVITATION_URL to invitation\'s port and the read to 2 s', () => {
    const config = loadConfig(IdentityConfigSchema, { DATABASE_URL: harness.database.urlFor('identity') })
    expect(config.INVITATION_URL).toBe('http://127.0.0.1:8003')
    expect(config.INVITATION_TIMEOUT_MS).toBe(2000)
  })
})

describe('theme settings (admin, per admin)', () => {
  it('defaults to classic, stores per admin, returns customColors as an object', async () => {
    expect((await call('GET', '/api/admin/theme-settings', otherAdmin)).json()).toEqual({ themeName: 'classic', customColors: {} })
    const saved = await call('PUT', '/api/admin/theme-settings', otherAdmin, { themeName: 'ocean', customColors: { primary: '#003366' }, extra: 'ignored' })
    expect(saved.json()).toEqual({ message: 'Theme settings updated successfully' })
    expect((await call('GET', '/api/admin/theme-settings', otherAdmin)).json()).toEqual({ themeName: 'ocean', customColors: { primary: '#003366' } })
    expect((await call('GET', '/api/admin/theme-settings', superadmin)).json()).toEqual({ themeName: 'classic', customColors: {} })
    expect((await call('PUT', '/api/admin/theme-settings', otherAdmin, { themeName: 'x', customColors: 'red' })).statusCode).toBe(422)
    expect((await call('PUT', '/api/admin/theme-settings', otherAdmin, { customColors: {} })).statusCode).toBe(422)
  })
})

describe('superadmin', () => {
  it('is-first-admin: true for the superadmin, false for another admin, 403 "Admin access required" for an applicant', async () => {
    const mine = await call('GET', '/api/admin/is-first-admin', superadmin)
    expect(mine.json()).toEqual({ is_first_admin: true, first_admin: { id: superadmin.id, email: superadmin.email, full_name: 'Super Admin', created_at: expect.any(String) } })
    expect((await call('GET', '/api/admin/is-first-admin', otherAdmin)).json()).toMatchObject({ is_first_admin: false, first_admin: { id: superadmin.id } })
    const forbidden = await call('GET', '/api/admin/is-first-admin', applicant)
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json()).toMatchObject({ detail: 'Admin access required' })
  })

  it('lists admins oldest first with is_first_admin', async () => {
    const list = await call('GET', '/api/admin/list-admins', superadmin)
    expect(list.statusCode).toBe(200)
    const rows = list.json<{ id: string, is_first_admin: boolean }[]>()
    expect(rows.map((row) => [row.id, row.is_first_admin])).toEqual([[superadmin.id, true], [otherAdmin.id, false]])
  })

  it('answers each route\'s own 403 to an admin who is not the superadmin, and "Admin access required" to an applicant', async () => {
    const cases = [
      ['GET', '/api/admin/list-admins', undefined, 'Only the superadmin can manage other admins'],
      ['POST', '/api/admin/create-admin', { email: email(), password: 'long enough', full_name: 'X' }, 'Only the superadmin can create other admins'],
      ['PUT', `/api/admin/change-password/${superadmin.id}`, { new_password: 'long enough' }, 'Only the superadmin can change other admin passwords'],
      ['DELETE', `/api/admin/delete-admin/${superadmin.id}`, undefined, 'Only the superadmin can delete other admins']
    ] as const
    for (const [method, url, body, detail] of cases) {
      const response = await call(method, url, otherAdmin, body)
      expect(response.statusCode, url).toBe(403)
      expect(response.json()).toMatchObject({ detail })
      const byApplicant = await call(method, url, applicant, body)
      expect(byApplicant.statusCode, url).toBe(403)
      expect(byApplicant.json()).toMatchObject({ detail: 'Admin access required' })
    }
  })

  it('create-admin: 400 for a taken e-mail (any case), 422 for bad input', async () => {
    const taken = await call('POST', '/api/admin/create-admin', superadmin, { email: applicant.email.toUpperCase(), password: 'long enough', full_name: 'X' })
    expect(taken.statusCode).toBe(400)
    expect(taken.json()).toMatchObject({ detail: 'User with this email already exists' })
    for (const payload of [{ email: email(), password: 'short', full_name: 'X' }, { email: 'bad', password: 'long enough', full_name: 'X' }, { email: email(), password: 'long enough', full_name: '' }]) {
      expect((await call('POST', '/api/admin/create-admin', superadmin, payload)).statusCode).toBe(422)
    }
  })

  it('change-password: 422 under 8 characters, 404 for unknown, malformed and applicant ids, and publishes the revocation', async () => {
    expect((await call('PUT', `/api/admin/change-password/${otherAdmin.id}`, superadmin, { new_password: 'seven77' })).statusCode).toBe(422)
    for (const id of [crypto.randomUUID(), 'nope', applicant.id]) {
      const response = await call('PUT', `/api/admin/change-password/${id}`, superadmin, { new_password: 'long enough' })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toMatchObject({ detail: 'Admin not found' })
    }
    const changed = await call('PUT', `/api/admin/change-password/${otherAdmin.id}`, superadmin, { new_password: 'a new password' })
    expect(changed.json()).toEqual({ message: `Password changed successfully for ${otherAdmin.email}` })
    expect(await outboxFor(otherAdmin.id)).toEqual([{ subject: 'identity.user.tokens_revoked.v1', data: { userId: otherAdmin.id, tokensValidFrom: expect.any(Number), reason: 'password_changed' } }])
    otherAdmin.token = (await login(app, otherAdmin.email, 'a new password')).json<{ access_token: string }>().access_token
  })

  it('delete-admin: 400 for the superadmin, 404 for unknown ids, deletes with the theme and publishes the deletion', async () => {
    const self = await call('DELETE', `/api/admin/delete-admin/${superadmin.id}`, superadmin)
    expect(self.statusCode).toBe(400)
    expect(self.json()).toEqual({ detail: 'Cannot delete the superadmin', code: 'IDENTITY_CANNOT_DELETE_SUPERADMIN' })
    for (const id of [crypto.randomUUID(), 'nope', applicant.id]) {
      expect((await call('DELETE', `/api/admin/delete-admin/${id}`, superadmin)).statusCode).toBe(404)
    }
    await call('PUT', '/api/admin/theme-settings', otherAdmin, { themeName: 'dark' })
    const deleted = await call('DELETE', `/api/admin/delete-admin/${otherAdmin.id}`, superadmin)
    expect(deleted.json()).toEqual({ message: `Admin ${otherAdmin.email} deleted successfully` })
    expect((await harness.admin.query('SELECT 1 FROM identity.theme_settings WHERE admin_id = $1', [otherAdmin.id])).rowCount).toBe(0)
    expect((await outboxFor(otherAdmin.id)).at(-1)).toEqual({ subject: 'identity.user.deleted.v1', data: expect.objectContaining({ userId: otherAdmin.id, role: 'admin' }) })
    expect((await call('GET', '/api/admin/applicants', otherAdmin)).statusCode).toBe(401)
  })

  it('still refuses admin self-registration', async () => {
    expect((await register(app, { email: email(), role: 'admin' })).statusCode).toBe(403)
  })
})
