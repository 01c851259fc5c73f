import { defineError, ErrorCodes } from '@repo/kit'

/** Codes this package adds to the kit's shared ones (AUTH_NOT_AUTHENTICATED, AUTH_FORBIDDEN). */
export const AuthErrorCodes = {
  notAuthenticated: ErrorCodes.notAuthenticated,
  /** The token is malformed, forged, expired, for someone else, revoked or signed with an unknown key. */
  invalidToken: 'AUTH_INVALID_TOKEN',
  forbidden: ErrorCodes.forbidden,
  /** Identity's JWKS could not be fetched and no key for the token is cached: retry shortly. */
  keysUnavailable: 'AUTH_KEYS_UNAVAILABLE'
} as const

// RFC 6750: a 401 for a bearer-protected resource names the scheme the client should use.
const bearerChallenge = { 'www-authenticate': 'Bearer' }

/** No credentials at all: no or empty Authorization header, or a scheme other than Bearer (D1). */
export const NotAuthenticated = defineError(401, AuthErrorCodes.notAuthenticated, 'Not authenticated', bearerChallenge)
/** Credentials were given but cannot be trusted. One answer for every reason, so probing learns nothing. */
export const InvalidToken = defineError(401, AuthErrorCodes.invalidToken, 'Could not validate credentials', bearerChallenge)
/** A valid token whose role may not do this (D1). */
export const Forbidden = defineError(403, AuthErrorCodes.forbidden, 'Not enough permissions')
/** Not the client's fault, so not a 401: identity's keys are out of reach and none is cached for the token. */
export const KeysUnavailable = defineError(503, AuthErrorCodes.keysUnavailable, 'Token signing keys are unavailable, please retry', { 'retry-after': '5' })
