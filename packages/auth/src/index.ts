export { supportedAlgorithms, type AccessTokenAlgorithm } from './algorithms.js'
export { roles, toAuthUser, type AuthUser, type Role } from './auth-user.js'
export { AuthErrorCodes, Forbidden, InvalidToken, KeysUnavailable, NotAuthenticated } from './errors.js'
export { bearerTokenFrom } from './bearer-token.js'
export { createTokenVerifier, type TokenVerifierOptions, type VerifyAccessToken } from './token-verifier.js'
export { authPlugin, type AuthHook, type AuthPluginOptions } from './auth-plugin.js'
export { requireRole, requireRoleWith } from './require-role.js'
export {
  createRevocationList, DEFAULT_TOKEN_LIFETIME_MS, type RevocationList, type RevocationListOptions
} from './revocation/revocation-list.js'
export { RevocationStore, type RevocationFact } from './revocation/revocation-store.js'
