import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog, type EventData } from '@repo/events'
import { waitFor } from '@repo/testing'
import { caller, createHarness, outboxFor, testBody, type Caller, type Harness } from './helpers.js'

type InviteStatus = EventData<typeof catalog.invitation.InviteStatusChangedV1>['status']

let harness: Harness
let call: ReturnType<typeof caller>
let admin: Caller

beforeAll(async () => {
  harness = await createHarness()
  call = caller(harness.app)
  admin = harness.caller('admin')
})
afterAll(async () => { await harness.cleanup() })

async function createTest (title = 'Doomed'): Promise<string> {
  return (await call('POST', '/api/tests', admin, testBody({ title }))).json<{ id: string }>().id
}

/** Invitation reports an invite's status, and assessment has recorded it. */
async function inviteStatus (testId: string, inviteId: string, status: InviteStatus, changedAt: Date, previousStatus: InviteStatus | null = null): Promise<void> {
  await harness.publish(catalog.invitation.InviteStatusChangedV1, { inviteId, testId, testVersion: 1, status, previousStatus, changedAt: changedAt.toISOString() })
  await waitFor(`invite ${inviteId} to be recorded`, async () => {
    const { rows } = await harness.admin.query<{ changed_at: Date }>('SELECT changed_at FROM assessment.invite_statuses WHERE invite_id = $1', [inviteId])
    return rows[0] !== undefined && rows[0].changed_at.getTime() >= changedAt.getTime() ? true : undefined
  })
}

const at = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000)

describe('DELETE /api/tests/{id} (soft)', () => {
  it('is refused while invitation reports an open invite, and allowed once it is completed', async () => {
    const testId = await createTest()
    const inviteId = randomUUID()
    await inviteStatus(testId, inviteId, 'sent', at(0))
    const refused = await call('DELETE', `/api/tests/${testId}`, admin)
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toEqual({ detail: 'Cannot delete test with active invitations. Please cancel all invitations first.', code: 'ASSESSMENT_TEST_HAS_OPEN_INVITES' })
    expect((await call('GET', `/api/tests/${testId}`, admin)).statusCode).toBe(200)

    await inviteStatus(testId, inviteId, 'completed', at(1), 'sent')
    const deleted = await call('DELETE', `/api/tests/${testId}`, admin)
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json()).toEqual({ message: "Test 'Doomed' has been deleted successfully" })
    expect((await call('GET', `/api/tests/${testId}`, admin)).statusCode).toBe(404)
    expect((await call('GET', '/api/tests', admin)).json<{ id: string }[]>().map((test) => test.id)).not.toContain(testId)
    // An inactive test still counts as found, as in the original.
    expect((await call('DELETE', `/api/tests/${testId}`, admin)).statusCode).toBe(200)
  })

  it('publishes assessment.test.archived.v1 in the same transaction, once', async () => {
    const testId = await createTest()
    expect((await call('DELETE', `/api/tests/${testId}`, admin)).statusCode).toBe(200)
    expect((await call('DELETE', `/api/tests/${testId}`, admin)).statusCode).toBe(200)
    const events = await outboxFor(harness.admin, testId)
    expect(events.map((event) => event.subject)).toEqual(['assessment.test.published.v1', 'assessment.test.archived.v1'])
    expect(events[1]?.data).toEqual({ testId, archivedAt: expect.any(String) })
    // Refused deletes publish nothing.
    const busy = await createTest()
    await inviteStatus(busy, randomUUID(), 'sent', at(0))
    expect((await call('DELETE', `/api/tests/${busy}`, admin)).statusCode).toBe(400)
    expect((await outboxFor(harness.admin, busy)).map((event) => event.subject)).toEqual(['assessment.test.published.v1'])
  })

  it('lets an older status delivered late not reopen an invite', async () => {
    const testId = await createTest()
    const inviteId = randomUUID()
    await inviteStatus(testId, inviteId, 'in_progress', at(0), 'sent')
    await inviteStatus(testId, inviteId, 'expired', at(2), 'in_progress')
    const late = await harness.publish(catalog.invitation.InviteStatusChangedV1, { inviteId, testId, testVersion: 1, status: 'scheduled', previousStatus: 'sent', changedAt: at(1).toISOString() })
    await waitFor('the late event to be handled', async () => {
      const { rows } = await harness.admin.query('SELECT 1 FROM assessment.inbox WHERE event_id = $1', [late])
      return rows.length === 1 ? true : undefined
    })
    expect((await call('DELETE', `/api/tests/${testId}`, admin)).statusCode).toBe(200)
  })

  it('allows editing while an invite is in progress (D9: the invite stays pinned to its version)', async () => {
    const testId = await createTest()
    await inviteStatus(testId, randomUUID(), 'in_progress', at(0), 'sent')
    const edited = await call('PUT', `/api/tests/${testId}`, admin, testBody({ title: 'Edited mid-test' }))
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ version: 2 })
  })

  it('answers 404 for unknown and malformed ids', async () => {
    for (const id of [randomUUID(), 'x']) {
      const response = await call('DELETE', `/api/tests/${id}`, admin)
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
    }
  })
})

describe('DELETE /api/tests/{id}/force', () => {
  it('deletes every version, counts the open invites it knew of, and publishes assessment.test.deleted.v1', async () => {
    const testId = await createTest('Gone for good')
    await call('PUT', `/api/tests/${testId}`, admin, testBody({ title: 'Gone for good' }))
    await inviteStatus(testId, randomUUID(), 'sent', at(0))
    await inviteStatus(testId, randomUUID(), 'in_progress', at(0), 'sent')
    await inviteStatus(testId, randomUUID(), 'completed', at(0), 'in_progress')

    const response = await call('DELETE', `/api/tests/${testId}/force`, admin)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ message: "Test 'Gone for good' and all associated data have been force deleted successfully", deleted_invites: 2, force_deleted: true })

    for (const url of [`/api/tests/${testId}`, `/api/tests/${testId}/versions`, `/api/tests/${testId}/versions/1`]) {
      expect((await call('GET', url, admin)).statusCode, url).toBe(404)
    }
    const { rows } = await harness.admin.query(
      `SELECT (SELECT count(*) FROM assessment.test_versions WHERE test_id = $1) AS versions,
              (SELECT count(*) FROM assessment.questions WHERE test_id = $1) AS questions,
              (SELECT count(*) FROM assessment.invite_statuses WHERE test_id = $1) AS invites`, [testId])
    expect(rows[0]).toEqual({ versions: '0', questions: '0', invites: '0' })

    const events = await outboxFor(harness.admin, testId)
    expect(events.map((event) => event.subject)).toEqual(['assessment.test.published.v1', 'assessment.test.published.v1', 'assessment.test.deleted.v1'])
    expect(events[2]?.data).toEqual({ testId, deletedAt: expect.any(String) })
    expect((await call('DELETE', `/api/tests/${testId}/force`, admin)).statusCode).toBe(404)
  })

  it('force-deletes a test nobody was invited to with deleted_invites 0', async () => {
    const testId = await createTest()
    expect((await call('DELETE', `/api/tests/${testId}/force`, admin)).json()).toMatchObject({ deleted_invites: 0, force_deleted: true })
    expect((await call('DELETE', '/api/tests/not-a-uuid/force', admin)).json()).toEqual({ detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' })
  })
})

describe('the outbox relay', () => {
  it('publishes the outbox rows to JetStream', async () => {
    const testId = await createTest()
    await waitFor('the published event to be sent', async () => {
      const { rows } = await harness.admin.query("SELECT 1 FROM assessment.outbox WHERE envelope->'data'->>'testId' = $1 AND sent_at IS NOT NULL", [testId])
      return rows.length === 1 ? true : undefined
    })
  })
})
