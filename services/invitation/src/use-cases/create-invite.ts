import { isUuid } from '@repo/kit'
import type { PublishedTest } from '../assessment-client.js'
import type { AdminRequestMeta, InvitationContext, RequestMeta } from '../context.js'
import type { InvitationTx } from '../db/database.js'
import { insertInvite, type InviteRow } from '../db/invites.js'
import { findInvitesByIds } from '../db/mail-outbox.js'
import { findNewestVersion, isWithdrawn, type TestVersionRow } from '../db/test-versions.js'
import { TestNotFound } from '../errors.js'
import { newInviteToken } from '../tokens.js'
import { queueInviteMail } from './deliver-invite-email.js'
import { expiryOf } from './invite-expiry.js'
import { publishStatus } from './publish-status.js'
import { readLateTest } from './read-late-test.js'
import { recordTestVersion } from './record-test-version.js'

export type InviteInput = {
  testId: string
  applicantEmail: string
  applicantName: string
  scheduledDate: Date | null
  adminScheduled: boolean
  noSchedule: boolean
}

/**
 * Creates an invite pinned to the newest version of the test known here (D9), with a 256-bit token
 * (D8), and its status event and mail in the same transaction. A test archived or deleted by assessment is "not
 * found" (D8, API.md 2.3 "missing or inactive"). A test with no version copy yet is read from assessment
 * with the admin's credential and stored as its published event would have stored it.
 */
export async function createInvite (ctx: InvitationContext, adminId: string, input: InviteInput, meta: AdminRequestMeta): Promise<InviteRow> {
  if (!isUuid(input.testId)) throw TestNotFound()
  const late = await readLateTest(ctx, input.testId, meta.authorization)
  const created = await ctx.db.transaction(async (tx) => {
    const version = await versionForNewInvite(tx, input.testId, late)
    // Only the trace id goes on: the admin's credential stays out of the event.
    return await insertNewInvite(ctx, tx, adminId, version, input, { traceId: meta.traceId })
  })
  // The first attempt starts once the mail is committed; the answer waits for it only so long (D14).
  await ctx.mail.sendFresh([created.mailId], ctx.mail.config.sendWaitMs)
  const [invite = created.invite] = await findInvitesByIds(ctx.db, [created.invite.id])
  return invite
}

/**
 * The version a new invite pins, in the invite's transaction: a test read from assessment (`late`) is
 * stored first; an archived, deleted or unknown test is "Test not found".
 */
export async function versionForNewInvite (tx: InvitationTx, testId: string, late: PublishedTest | null): Promise<TestVersionRow> {
  if (late !== null) await recordTestVersion(tx, late)
  if (await isWithdrawn(tx, testId)) throw TestNotFound()
  const version = await findNewestVersion(tx, testId)
  if (version === undefined) throw TestNotFound()
  return version
}

/**
 * One new invite in the caller's transaction, the same for POST /invites and each row of
 * POST /invites/bulk: its status, pin, token and expiry, its status event, and its queued mail.
 */
export async function insertNewInvite (ctx: InvitationContext, tx: InvitationTx, adminId: string, version: TestVersionRow, input: InviteInput, meta: RequestMeta): Promise<{ invite: InviteRow, mailId: string }> {
  const invite = await insertInvite(tx, {
    testId: version.testId,
    testVersion: version.version,
    applicantEmail: input.applicantEmail,
    applicantName: input.applicantName,
    invitedBy: adminId,
    inviteToken: newInviteToken(),
    scheduledDate: input.scheduledDate,
    adminScheduled: input.adminScheduled,
    noSchedule: input.noSchedule,
    // As the original: scheduled only when the admin set the slot; a date alone still opens the window.
    status: input.adminScheduled && input.scheduledDate !== null ? 'scheduled' : 'sent',
    expiresAt: expiryOf(ctx, new Date(), input.scheduledDate)
  })
  await publishStatus(ctx, tx, invite, null, invite.createdAt, meta)
  const mailId = await queueInviteMail(ctx, tx, invite, version.title)
  return { invite, mailId }
}
