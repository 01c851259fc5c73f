import { defineError } from '@repo/kit'

// The original's texts (API.md 2.2) with this service's stable codes (D3).
export const TestNotFound = defineError(404, 'ASSESSMENT_TEST_NOT_FOUND', 'Test not found')
/** PUT by someone other than the creator, or of a soft-deleted test: the original answers 404 for both. */
export const TestNotEditable = defineError(404, 'ASSESSMENT_TEST_NOT_FOUND', "Test not found or you don't have permission to update it")
export const TestVersionNotFound = defineError(404, 'ASSESSMENT_TEST_VERSION_NOT_FOUND', 'Test version not found')
/** Soft delete while invitation has reported open (sent, scheduled, in_progress) invites for the test. */
export const TestHasOpenInvites = defineError(400, 'ASSESSMENT_TEST_HAS_OPEN_INVITES', 'Cannot delete test with active invitations. Please cancel all invitations first.')
/** API.md "Out of this version": the Gemini-backed generator calls an outside service. */
export const AutoGenerateNotImplemented = defineError(501, 'ASSESSMENT_NOT_IMPLEMENTED', 'Automatic test generation is not available in this version')
/** An `x-internal-token` header that is not this deployment's INTERNAL_API_TOKEN (or none is configured). */
export const InvalidInternalToken = defineError(401, 'ASSESSMENT_INVALID_INTERNAL_TOKEN', 'Could not validate credentials')
