import { isUuid } from '@repo/kit'
import type { InvitationContext, RequestMeta } from '../context.js'
import { lockInviteById, updateInvite, type InviteRow } from '../db/invites.js'
import type { InviteStatus } from '../db/schema.js'
import { InviteNotFound, InviteNotRevocable } from '../errors.js'
import { publishStatus } from './publish-status.js'

const REVOCABLE: InviteStatus[] = ['sent', 'scheduled', 'in_progress']

const NOT_REVOCABLE_DETAIL: Partial<Record<InviteStatus, string>> = {
  completed: 'The test has already been completed; a completed invite cannot be revoked',
  expired: 'This invite has already expired and cannot be revoked'
}

/**
 * POST /invites/{id}/revoke (admin): an open invite becomes `revoked`, with `revoked_at` and its status
 * event in the same transaction. A session in progress ends there: it can no longer be saved or
 * submitted, and the auto-submit job leaves it alone, so nothing of it is graded (its autosaved answers
 * stay stored). Revoking a revoked invite answers it unchanged, so a retried click is not an error. The
 * row lock orders it with a start, save or submit of the same invite.
 */
export async function revokeInvite (ctx: InvitationContext, inviteId: string, meta: RequestMeta): Promise<InviteRow> {
  if (!isUuid(inviteId)) throw InviteNotFound()
  return ctx.db.transaction(async (tx) => {
    const invite = await lockInviteById(tx, inviteId)
    if (invite === undefined) throw InviteNotFound()
    if (invite.status === 'revoked') return invite
    if (!REVOCABLE.includes(invite.status)) throw InviteNotRevocable(NOT_REVOCABLE_DETAIL[invite.status])
    const now = new Date()
    const revoked = await updateInvite(tx, invite.id, { status: 'revoked', revokedAt: now })
    await publishStatus(ctx, tx, revoked, invite.status, now, meta)
    ctx.log.info({ inviteId: invite.id, previousStatus: invite.status }, 'revoked an invite')
    return revoked
  })
}
