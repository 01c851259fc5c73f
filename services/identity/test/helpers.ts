import pg from 'pg'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { createTestDatabase, deleteTestStreams, startHttpStub, testNatsUrl, uniqueName, type HttpStub, type TestDatabase } from '@repo/testing'
import { buildIdentity } from '../src/app.js'
import { IdentityConfigSchema, type IdentityConfig } from '../src/config.js'

/** What the invitation stub remembers of each request. */
export type InvitationRequest = { method: string, url: string, authorization: string | undefined }

export type Harness = {
  database: TestDatabase
  /**
   * Invitation's internal invite count (INVITATION_URL), played by a real HTTP server that answers 404
   * unless a test tells it otherwise (so a delete answers `deleted_invites_count: null` by default).
   */
  invitation: HttpStub<InvitationRequest>
  /** Administrator access to the run's database, to look at identity's tables. */
  admin: pg.Pool
  /** Builds (and readies) an identity app on this database; closed by cleanup. */
  build: (env?: Record<string, string>) => Promise<ServiceApp>
  configFor: (env?: Record<string, string>) => IdentityConfig
  cleanup: () => Promise<void>
}

/** One database and one stream prefix per test file; BCRYPT_COST 4 keeps hashing fast. */
export async function createHarness (baseEnv: Record<string, string> = {}): Promise<Harness> {
  const database = await createTestDatabase()
  const invitation = await startHttpStub<InvitationRequest>({
    record: (request) => ({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization }),
    notFound: { detail: 'Not Found', code: 'NOT_FOUND' }
  })
  const prefix = uniqueName('t')
  const natsUrl = testNatsUrl()
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  const apps: ServiceApp[] = []
  const configFor = (env: Record<string, string> = {}) => loadConfig(IdentityConfigSchema, {
    DATABASE_URL: database.urlFor('identity'),
    NATS_URL: natsUrl,
    EVENTS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    BCRYPT_COST: '4',
    DB_POOL_MAX: '5',
    INVITATION_URL: invitation.url,
    ...baseEnv,
    ...env
  })
  return {
    database,
    invitation,
    admin,
    configFor,
    build: async (env = {}) => {
      const app = await buildIdentity(configFor(env))
      apps.push(app)
      await app.ready()
      return app
    },
    cleanup: async () => {
      await Promise.all(apps.map((app) => app.close()))
      await admin.end()
      await invitation.close()
      await deleteTestStreams(natsUrl, prefix).catch(() => {})
      await database.drop()
    }
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export type Account = { id: string, email: string, token: string }

let counter = 0
/** A unique e-mail for this run. */
export function email (label = 'user'): string {
  counter++
  return `${label}${counter}.${Date.now().toString(36)}@example.com`
}

export const PASSWORD = 'correct horse battery'

export async function register (app: ServiceApp, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/auth/register', payload: { password: PASSWORD, full_name: 'Test Person', ...body } })
}

export async function login (app: ServiceApp, address: string, password = PASSWORD, ip?: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: address, password }, ...(ip === undefined ? {} : { remoteAddress: ip }) })
}

/** Registers and logs in; throws with the body when either fails. */
export async function account (app: ServiceApp, role: 'admin' | 'applicant' = 'applicant', fullName = 'Test Person'): Promise<Account> {
  const address = email(role)
  const registered = await register(app, { email: address, role, full_name: fullName })
  if (registered.statusCode !== 200) throw new Error(`register: ${registered.statusCode} ${registered.body}`)
  const loggedIn = await login(app, address)
  if (loggedIn.statusCode !== 200) throw new Error(`login: ${loggedIn.statusCode} ${loggedIn.body}`)
  const body = loggedIn.json<{ access_token: string, user: { id: string } }>()
  return { id: body.user.id, email: address, token: body.access_token }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
