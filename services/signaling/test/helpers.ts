import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type pg from 'pg'
import { catalog, type EventData } from '@repo/events'
import type { ServiceApp } from '@repo/kit'
import { createServiceHarness, type Caller, type ServiceHarness } from '@repo/platform/testing'
import { bearer, injector, outboxWhere, type OutboxRow } from '@repo/testing'
import { buildSignaling } from '../src/app.js'
import { SignalingConfigSchema } from '../src/config.js'

export type { Caller }
export type StatusChanged = EventData<typeof catalog.invitation.InviteStatusChangedV1>
export type Started = EventData<typeof catalog.invitation.TestStartedV1>
export type Submitted = EventData<typeof catalog.invitation.TestSubmittedV1>

export type Harness = ServiceHarness

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port, and identity and invitation by publishing their events directly.
 */
export async function createHarness (env: Record<string, string> = {}): Promise<Harness> {
  return await createServiceHarness({
    schema: 'signaling',
    configSchema: SignalingConfigSchema,
    build: async (config, options) => await buildSignaling(config, options),
    env
  })
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
