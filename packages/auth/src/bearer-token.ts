import { InvalidToken, NotAuthenticated } from './errors.js'

/**
 * The token of an `Authorization: Bearer <token>` header. The scheme is case-insensitive (RFC 7235).
 * No header, an empty one, another scheme or a bare "Bearer" is "Not authenticated" (as FastAPI's
 * OAuth2PasswordBearer answers); a value that cannot be a single token is an invalid token.
 */
export function bearerTokenFrom (authorization: string | undefined): string {
  const value = authorization?.trim() ?? ''
  const match = /^bearer(?:\s+(.*))?$/is.exec(value)
  if (match === null) throw NotAuthenticated()
  const token = match[1] ?? ''
  if (token === '') throw NotAuthenticated()
  if (/\s/.test(token)) throw InvalidToken()
  return token
}
