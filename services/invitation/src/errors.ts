import { defineError } from '@repo/kit'

// The original's texts (API.md 2.3) with this service's stable codes (D3).
export const TestNotFound = defineError(404, 'INVITATION_TEST_NOT_FOUND', 'Test not found')
export const InviteTokenNotFound = defineError(404, 'INVITATION_TOKEN_NOT_FOUND', 'Invalid invite token')
/** The original schedules any date; this platform only takes a slot still to come. */
export const ScheduleNotInFuture = defineError(400, 'INVITATION_SCHEDULE_NOT_IN_FUTURE', 'The scheduled date must be in the future')
/** The original resets started and completed invites to scheduled; here only an unstarted invite can be scheduled. */
export const InviteNotSchedulable = defineError(400, 'INVITATION_NOT_SCHEDULABLE', 'The test has already been started and can no longer be scheduled')
