import { isUuid } from '@repo/kit'
import type { AdminRequestMeta, InvitationContext } from '../context.js'
import type { InviteRow } from '../db/invites.js'
import { findInvitesByIds } from '../db/mail-outbox.js'
import { TestNotFound } from '../errors.js'
import { insertNewInvite, versionForNewInvite, type InviteInput } from './create-invite.js'
import { readLateTest } from './read-late-test.js'

/** What every row of a bulk request shares. */
export type BulkCommon = Omit<InviteInput, 'applicantEmail' | 'applicantName'>

/** A row that passed its checks, with its place in the request. */
export type BulkRow = { index: number, applicantEmail: string, applicantName: string }

/**
 * POST /invites/bulk: one invite per valid row, each made exactly as POST /invites makes one (status,
 * pin, token, expiry, status event, queued mail), all pinned to the same version in one transaction. A
 * missing, archived or deleted test fails the whole request, since no row could succeed. The first
 * attempts of all the mails start after the commit, and the answer waits for them at most
 * MAIL_SEND_WAIT_MS in all, not per row. Returns each row's invite by its index.
 */
export async function createInvitesInBulk (ctx: InvitationContext, adminId: string, common: BulkCommon, rows: BulkRow[], meta: AdminRequestMeta): Promise<Map<number, InviteRow>> {
  if (!isUuid(common.testId)) throw TestNotFound()
  const late = await readLateTest(ctx, common.testId, meta.authorization)
  const created = await ctx.db.transaction(async (tx) => {
    const version = await versionForNewInvite(tx, common.testId, late)
    const made: { index: number, invite: InviteRow, mailId: string }[] = []
    for (const row of rows) {
      const input = { ...common, applicantEmail: row.applicantEmail, applicantName: row.applicantName }
      made.push({ index: row.index, ...await insertNewInvite(ctx, tx, adminId, version, input, { traceId: meta.traceId }) })
    }
    return made
  })
  await ctx.mail.sendFresh(created.map((row) => row.mailId), ctx.mail.config.sendWaitMs)
  const now = new Map((await findInvitesByIds(ctx.db, created.map((row) => row.invite.id))).map((invite) => [invite.id, invite]))
  return new Map(created.map((row) => [row.index, now.get(row.invite.id) ?? row.invite]))
}
