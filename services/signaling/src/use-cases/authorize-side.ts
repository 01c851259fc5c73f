import { createHash, timingSafeEqual } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { NotAuthenticated, type AuthUser, type VerifyAccessToken } from '@repo/auth'
import { isUuid } from '@repo/kit'
import type { SignalingQueryable } from '../db/database.js'
import { invites } from '../db/schema.js'
import { InviteNotFound, NotThisApplicant } from '../errors.js'

/** The two ends of a proctoring session; a signal's sender (`from`) is always one of them. */
export type Side = 'applicant' | 'admin'

export type InviteRow = typeof invites.$inferSelect

/** What a caller presented: an access token (Bearer or `?token=`) and/or an invite token (`X-Invite-Token` or `?token=`). */
export type Credentials = { accessToken?: string | undefined, inviteToken?: string | undefined }

export type AuthorizeOptions = {
  /**
   * D15: a call with no credentials at all acts as the applicant side while the invite is
   * `in_progress` (the original test page sends none). The WebSocket rooms do not allow it.
   */
  allowAnonymous: boolean
  /**
   * With allowAnonymous: a call with no credentials is also let through (as the applicant side, marked
   * `anonymous`) once the invite is `completed`. Only end-session asks for it: the original test page
   * calls it without credentials right after submitting, and signaling may already have heard of the
   * submit by then. The route must then treat the call as a no-op on a finished invite.
   */
  anonymousWhenCompleted?: boolean
}

/** Who the caller is for this invite; `anonymous` when no credentials were presented at all. */
export type Authorized = { side: Side, invite: InviteRow, user?: AuthUser, anonymous: boolean }

export function hashInviteToken (token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

function sameHash (hexA: string, hexB: string): boolean {
  const a = Buffer.from(hexA, 'hex')
  const b = Buffer.from(hexB, 'hex')
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b)
}

function isApplicantOf (user: AuthUser, invite: InviteRow): boolean {
  return invite.applicantEmail !== null && user.email.toLowerCase() === invite.applicantEmail.toLowerCase()
}

/**
 * Decides which side of an invite's session a caller is (D15), the one rule the mailbox and the rooms
 * share. In order: a bad access token is 401 whatever else is given; an unknown (or malformed) invite
 * is 404; an admin token is the admin side of any invite; an applicant token is the applicant side of
 * its own invite only (403 otherwise); an invite token must be this invite's (403 otherwise); no
 * credentials is the applicant side only while the invite is in progress, or also once it is completed
 * when the caller asks for that (401 otherwise).
 */
export async function authorizeSide (
  db: SignalingQueryable,
  verify: VerifyAccessToken,
  inviteId: string,
  credentials: Credentials,
  options: AuthorizeOptions
): Promise<Authorized> {
  const user = credentials.accessToken === undefined ? undefined : await verify(credentials.accessToken)
  const invite = isUuid(inviteId) ? await db.query.invites.findFirst({ where: eq(invites.inviteId, inviteId.toLowerCase()) }) : undefined
  if (invite === undefined) throw InviteNotFound()
  if (user !== undefined) {
    if (user.role === 'admin') return { side: 'admin', invite, user, anonymous: false }
    if (isApplicantOf(user, invite)) return { side: 'applicant', invite, user, anonymous: false }
    throw NotThisApplicant()
  }
  if (credentials.inviteToken !== undefined) {
    if (invite.inviteTokenHash !== null && sameHash(hashInviteToken(credentials.inviteToken), invite.inviteTokenHash)) return { side: 'applicant', invite, anonymous: false }
    throw NotThisApplicant()
  }
  if (options.allowAnonymous && (invite.status === 'in_progress' || (options.anonymousWhenCompleted === true && invite.status === 'completed'))) {
    return { side: 'applicant', invite, anonymous: true }
  }
  throw NotAuthenticated()
}
