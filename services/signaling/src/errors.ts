import { defineError } from '@repo/kit'

// The original's texts (API.md 2.8) with this service's stable codes (D3).
/** An invite signaling has not heard of (unknown, malformed, or its events have not arrived yet). */
export const InviteNotFound = defineError(404, 'SIGNALING_INVITE_NOT_FOUND', 'Invite not found')
/** start-session with an id that is not a UUID: the original's own 400 (API.md 2.8). */
export const InvalidInviteId = defineError(400, 'SIGNALING_INVALID_INVITE_ID', 'Invalid invite ID format')
/** start-session on an invite that is not in progress (API.md 2.8). */
export const ActiveSessionNotFound = defineError(404, 'SIGNALING_SESSION_NOT_FOUND', 'Active test session not found')
/** A valid credential of someone else: another applicant's token, or another invite's token (D15). */
export const NotThisApplicant = defineError(403, 'SIGNALING_FORBIDDEN', 'Not allowed to signal for this invite')
/**
 * mark-read of a notification the caller does not have: unknown, malformed, or another admin's (the
 * original answers 200 and changes nothing; D2 makes an unknown id a 404, and another admin's is not
 * told apart from an unknown one).
 */
export const NotificationNotFound = defineError(404, 'SIGNALING_NOTIFICATION_NOT_FOUND', 'Notification not found')
