import { defineError } from '@repo/kit'

// The original's texts (API.md 2.3) with this service's stable codes (D3).
export const TestNotFound = defineError(404, 'INVITATION_TEST_NOT_FOUND', 'Test not found')
export const InviteTokenNotFound = defineError(404, 'INVITATION_TOKEN_NOT_FOUND', 'Invalid invite token')
/** The original schedules any date; this platform only takes a slot still to come. */
export const ScheduleNotInFuture = defineError(400, 'INVITATION_SCHEDULE_NOT_IN_FUTURE', 'The scheduled date must be in the future')
/** The original resets started and completed invites to scheduled; here only an unstarted invite can be scheduled. */
export const InviteNotSchedulable = defineError(400, 'INVITATION_NOT_SCHEDULABLE', 'The test has already been started and can no longer be scheduled')

// Taking a test (API.md 2.4, D10-D12).
export const TestSessionNotFound = defineError(404, 'INVITATION_TEST_INVITE_NOT_FOUND', 'Invalid or expired test invite')
export const OutsideTestWindow = defineError(400, 'INVITATION_OUTSIDE_TEST_WINDOW', 'Test can only be taken within 30 minutes of scheduled time')
export const TestNotStartable = defineError(409, 'INVITATION_NOT_STARTABLE', 'This test can no longer be started')
export const OtherTestInProgress = defineError(409, 'INVITATION_OTHER_TEST_IN_PROGRESS',
  'You have an incomplete test in progress. Please complete your oldest test first or contact administrator for help.')
export const InactiveTestSession = defineError(404, 'INVITATION_SESSION_NOT_ACTIVE', 'Invalid or inactive test session')
export const TestNotStarted = defineError(409, 'INVITATION_TEST_NOT_STARTED', 'The test has not been started')
export const TimeIsUp = defineError(409, 'INVITATION_TIME_IS_UP', 'Time is up')
export const TestAlreadySubmitted = defineError(409, 'INVITATION_ALREADY_SUBMITTED', 'Test already submitted')

// Admin actions on one invite (revoke, extend, retry-email).
export const InviteNotFound = defineError(404, 'INVITATION_INVITE_NOT_FOUND', 'Invite not found')
/** Only an open invite (sent, scheduled, in_progress) can be revoked; the detail names the status. */
export const InviteNotRevocable = defineError(409, 'INVITATION_NOT_REVOCABLE', 'This invite can no longer be revoked')
/** Only an open invite (sent, scheduled, in_progress) can get extra time; the detail names the status. */
export const InviteNotExtendable = defineError(409, 'INVITATION_NOT_EXTENDABLE', 'This invite can no longer be given extra time')
/** The extra time of one invite adds up to at most MAX_EXTRA_MINUTES (see extend-invite.ts). */
export const ExtraTimeLimit = defineError(409, 'INVITATION_EXTRA_TIME_LIMIT', 'Too much extra time')
/** Autosave or submit of a session an admin revoked; start answers INVITATION_NOT_STARTABLE (D10). */
export const InviteRevoked = defineError(409, 'INVITATION_INVITE_REVOKED', 'This invite has been revoked')
/**
 * POST /invites for a test whose published event has not arrived, while assessment cannot be asked
 * (down, slow, failing or answering nonsense): retrying shortly helps, so 503 rather than 404 or 500.
 */
export const AssessmentUnavailable = defineError(503, 'INVITATION_ASSESSMENT_UNAVAILABLE',
  'The test cannot be looked up right now because the assessment service is unavailable; please retry shortly', { 'retry-after': '2' })

// E-mail (D14, API.md 2.7).
/** An invite that can no longer be taken (revoked, expired, completed) gets no e-mail; the detail names the status. */
export const InviteNotMailable = defineError(409, 'INVITATION_NOT_MAILABLE', 'This invite is closed, so no e-mail is sent for it')
/** Saving an SMTP password needs the key that encrypts it at rest; a plaintext copy is never stored. */
export const EmailSettingsKeyMissing = defineError(503, 'INVITATION_EMAIL_SETTINGS_KEY_MISSING',
  'SMTP passwords cannot be saved: EMAIL_SETTINGS_KEY is not configured on the invitation service')
/** The settings test found neither the admin's own SMTP host nor SMTP_URL. */
export const EmailNotConfigured = defineError(400, 'INVITATION_EMAIL_NOT_CONFIGURED',
  'E-mail delivery is not configured: save an SMTP host in the e-mail settings (or set SMTP_URL)')
/** The settings test reached no SMTP server, or the server refused the mail: a bad gateway, not a bug; the detail gives the reason. */
export const EmailTestFailed = defineError(502, 'INVITATION_EMAIL_TEST_FAILED', 'Email test failed')
