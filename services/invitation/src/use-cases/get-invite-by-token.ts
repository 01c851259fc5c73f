import type { InvitationContext } from '../context.js'
import { findInviteByToken, findPinnedVersion, type InviteRow } from '../db/invites.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { InviteTokenNotFound, TestNotFound } from '../errors.js'
import { isInviteToken } from '../tokens.js'

/** An invite by its token with the version it is pinned to; any status, as in the original. */
export async function getInviteByToken (ctx: InvitationContext, token: string): Promise<{ invite: InviteRow, version: TestVersionRow }> {
  if (!isInviteToken(token)) throw InviteTokenNotFound()
  const invite = await findInviteByToken(ctx.db, token)
  if (invite === undefined) throw InviteTokenNotFound()
  const version = await findPinnedVersion(ctx.db, invite)
  // Unreachable while the foreign key holds; kept as the original's second 404.
  if (version === undefined) throw TestNotFound()
  return { invite, version }
}
