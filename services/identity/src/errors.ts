import { defineError } from '@repo/kit'

// The original's texts (API.md 2.1, 2.7) with this service's stable codes (D3).
export const EmailTaken = defineError(400, 'IDENTITY_EMAIL_TAKEN', 'Email already registered')
export const AdminSignupClosed = defineError(403, 'IDENTITY_ADMIN_SIGNUP_CLOSED', 'Admin registration is not allowed. Only applicants can register when admins already exist.')
export const BadCredentials = defineError(401, 'IDENTITY_BAD_CREDENTIALS', 'Incorrect email or password', { 'www-authenticate': 'Bearer' })
export const AccountInactive = defineError(403, 'IDENTITY_ACCOUNT_INACTIVE', 'This account is deactivated')
export const ApplicantNotFound = defineError(404, 'IDENTITY_APPLICANT_NOT_FOUND', 'Applicant not found')
export const AdminNotFound = defineError(404, 'IDENTITY_ADMIN_NOT_FOUND', 'Admin not found')
export const CannotDeleteSuperadmin = defineError(400, 'IDENTITY_CANNOT_DELETE_SUPERADMIN', 'Cannot delete the superadmin')
export const NotSuperadmin = defineError(403, 'IDENTITY_NOT_SUPERADMIN', 'Only the superadmin can manage other admins')

/** 429 with the seconds until the window that refused the attempt ends. */
export function RateLimited (retryAfterSeconds: number) {
  return defineError(429, 'IDENTITY_RATE_LIMITED', 'Too many login attempts, please try again later', { 'retry-after': String(retryAfterSeconds) })()
}
