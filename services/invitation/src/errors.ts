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
