import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { connect, type NatsConnection } from 'nats'
import pg from 'pg'
import { pino } from 'pino'
import { createTestIssuer, startJwksServer, type JwksServer, type TestIssuer } from '@repo/auth/testing'
import { catalog, naming, type EventData, type EventDefinition, type Naming } from '@repo/events'
import { publishAsProducer } from '@repo/events/testing'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { bearer, createTestDatabase, deleteTestStreams, injector, outboxWhere, testNatsUrl, uniqueName, waitFor, type OutboxRow, type TestDatabase } from '@repo/testing'
import { buildSignaling } from '../src/app.js'
import { SignalingConfigSchema } from '../src/config.js'

const ISSUER = 'pre-interview-platform/identity'
const AUDIENCE = 'pre-interview-platform'

export type Caller = { id: string, email: string, token: string }
export type StatusChanged = EventData<typeof catalog.invitation.InviteStatusChangedV1>
export type Started = EventData<typeof catalog.invitation.TestStartedV1>
export type Submitted = EventData<typeof catalog.invitation.TestSubmittedV1>

export type Harness = {
  app: ServiceApp
  /** Administrator access to the run's database, to look at signaling's tables. */
  admin: pg.Pool
  issuer: TestIssuer
  /** The run's NATS connection and names (EVENTS_PREFIX), e.g. to watch a core subject. */
  nats: NatsConnection
  names: Naming
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[]
  /** Publishes an event straight to its producer's stream, as that producer's outbox relay would; answers the event id. */
  publish: <T extends EventDefinition>(definition: T, data: EventData<T>) => Promise<string>
  /** Waits until this service's consumer has handled the event (its id is in the inbox). */
  handled: (eventId: string, timeoutMs?: number) => Promise<void>
  /** A user with a valid token from the test issuer (standing in for identity). */
  caller: (role?: 'admin' | 'applicant', email?: string) => Caller
  /** Another instance of the app on the same database and stream prefix (a replica), closed by cleanup. */
  replica: (env?: Record<string, string>) => Promise<{ app: ServiceApp, logs: Record<string, unknown>[] }>
  cleanup: () => Promise<void>
}

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port, and identity and invitation by publishing their events directly.
 */
export async function createHarness (env: Record<string, string> = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase()
  const prefix = uniqueName('t')
  const natsUrl = env.NATS_URL ?? testNatsUrl()
  const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  const jwks: JwksServer = await startJwksServer(issuer)
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  const baseEnv = {
    DATABASE_URL: database.urlFor('signaling'),
    NATS_URL: natsUrl,
    EVENTS_PREFIX: prefix,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: '5',
    IDENTITY_URL: new URL(jwks.url).origin
  }
  const start = async (overrides: Record<string, string>) => {
    const logs: Record<string, unknown>[] = []
    const sink = new Writable({
      write (chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>)
        done()
      }
    })
    const app = await buildSignaling(loadConfig(SignalingConfigSchema, { ...baseEnv, ...overrides }), { logger: pino({ level: 'info' }, sink) })
    await app.ready()
    await waitFor('signaling to be ready', async () => (await app.inject({ url: '/ready' })).statusCode === 200 || undefined)
    return { app, logs }
  }
  const { app, logs } = await start(env)
  const replicas: ServiceApp[] = []

  const nats: NatsConnection = await connect({ servers: natsUrl })
  const names = naming(prefix)
  return {
    app,
    admin,
    issuer,
    nats,
    names,
    logs,
    publish: async (definition, data) => await publishAsProducer(nats, names, definition, data),
    handled: async (eventId, timeoutMs) => {
      await waitFor(`event ${eventId} to be handled`, async () => {
        const { rows } = await admin.query('SELECT 1 FROM signaling.inbox WHERE event_id = $1', [eventId])
        return rows.length === 1 ? true : undefined
      }, timeoutMs)
    },
    caller: (role = 'admin', email) => {
      const id = randomUUID()
      const address = email ?? `${role}-${id}@example.com`
      return { id, email: address, token: issuer.sign({ sub: id, role, email: address }, { expiresInSeconds: 3600 }) }
    },
    replica: async (overrides = {}) => {
      const started = await start({ ...env, ...overrides })
      replicas.push(started.app)
      return started
    },
    cleanup: async () => {
      for (const replica of replicas) await replica.close()
      await app.close()
      await nats.close()
      await jwks.close()
      await admin.end()
      await deleteTestStreams(natsUrl, prefix).catch(() => {})
      await database.drop()
    }
  }
}

/** app.inject with an optional caller and JSON body. */
export const caller = injector
export { bearer }

/**
 * Makes the app listen on a free port of 127.0.0.1 (for real WebSocket clients) and answers its
 * `ws://` base URL. app.close() (or the harness's cleanup) stops it.
 */
export async function listen (app: ServiceApp): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address() as AddressInfo
  return `ws://127.0.0.1:${address.port}`
}

/**
 * Publishes `identity.user.created.v1` for an admin as identity would, waits until signaling has
 * handled it, and answers a caller (with a token) for that admin.
 */
export async function createAdmin (harness: Harness, email?: string): Promise<Caller> {
  const admin = harness.caller('admin', email)
  await harness.handled(await harness.publish(catalog.identity.UserCreatedV1, {
    userId: admin.id,
    email: admin.email.toLowerCase(),
    fullName: 'Ada Admin',
    role: 'admin',
    createdAt: new Date().toISOString()
  }))
  return admin
}

/** An invite as these helpers make it: its ids, its applicant and the applicant's link token. */
export type TestInvite = {
  inviteId: string
  testId: string
  testTitle: string
  inviteToken: string
  applicantEmail: string
}

/** A fresh invite (nothing published yet). */
export function newInvite (overrides: Partial<TestInvite> = {}): TestInvite {
  return {
    inviteId: randomUUID(),
    testId: randomUUID(),
    testTitle: 'Backend basics',
    inviteToken: randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', ''),
    applicantEmail: `applicant-${randomUUID()}@example.com`,
    ...overrides
  }
}

/** `invitation.invite.status_changed.v1` for an invite; `changedAt` now unless given. */
export async function publishStatus (harness: Harness, invite: TestInvite, status: StatusChanged['status'], options: { previousStatus?: StatusChanged['previousStatus'], changedAt?: string, wait?: boolean } = {}): Promise<string> {
  const eventId = await harness.publish(catalog.invitation.InviteStatusChangedV1, {
    inviteId: invite.inviteId,
    testId: invite.testId,
    testVersion: 1,
    status,
    previousStatus: options.previousStatus ?? null,
    changedAt: options.changedAt ?? new Date().toISOString()
  })
  if (options.wait !== false) await harness.handled(eventId)
  return eventId
}

/** The `invitation.test.started.v1` payload for an invite. */
export function startedEvent (invite: TestInvite, overrides: Partial<Started> = {}): Started {
  const startedAt = new Date()
  return {
    inviteId: invite.inviteId,
    inviteToken: invite.inviteToken,
    testId: invite.testId,
    testVersion: 1,
    testTitle: invite.testTitle,
    applicantEmail: invite.applicantEmail,
    applicantName: 'Dee Applicant',
    invitedBy: null,
    startedAt: startedAt.toISOString(),
    deadline: new Date(startedAt.getTime() + 30 * 60_000).toISOString(),
    ...overrides
  }
}

/** Publishes `invitation.test.started.v1` for an invite; waits until it is handled unless `wait` is false. */
export async function publishStarted (harness: Harness, invite: TestInvite, options: { wait?: boolean, overrides?: Partial<Started> } = {}): Promise<string> {
  const eventId = await harness.publish(catalog.invitation.TestStartedV1, startedEvent(invite, options.overrides))
  if (options.wait !== false) await harness.handled(eventId)
  return eventId
}

/**
 * Sets an invite up as invitation would when its applicant starts it: `sent` (status_changed), then
 * `in_progress` (status_changed and test.started, which gives signaling the applicant's e-mail and the
 * invite token). Answers the invite.
 */
export async function startedInvite (harness: Harness, overrides: Partial<TestInvite> = {}): Promise<TestInvite> {
  const invite = newInvite(overrides)
  const sentAt = new Date(Date.now() - 60_000).toISOString()
  await publishStatus(harness, invite, 'sent', { changedAt: sentAt })
  await publishStatus(harness, invite, 'in_progress', { previousStatus: 'sent' })
  await publishStarted(harness, invite)
  return invite
}

/** The `invitation.test.submitted.v1` payload for an invite. */
export function submittedEvent (invite: TestInvite, overrides: Partial<Submitted> = {}): Submitted {
  return {
    submissionId: randomUUID(),
    inviteId: invite.inviteId,
    inviteToken: invite.inviteToken,
    testId: invite.testId,
    testVersion: 1,
    applicantEmail: invite.applicantEmail,
    applicantName: 'Dee Applicant',
    invitedBy: null,
    answers: [],
    startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    submittedAt: new Date().toISOString(),
    autoSubmitted: false,
    ...overrides
  }
}

/** Publishes `invitation.test.submitted.v1` for an invite; waits until it is handled unless `wait` is false. */
export async function publishSubmitted (harness: Harness, invite: TestInvite, options: { wait?: boolean, overrides?: Partial<Submitted> } = {}): Promise<string> {
  const eventId = await harness.publish(catalog.invitation.TestSubmittedV1, submittedEvent(invite, options.overrides))
  if (options.wait !== false) await harness.handled(eventId)
  return eventId
}

/** Signaling's outbox rows whose payload has `key` = `value`, oldest first. */
export async function outbox (admin: pg.Pool, key: string, value: string): Promise<OutboxRow[]> {
  return await outboxWhere(admin, 'signaling', key, value)
}
