import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto'
import { base64url } from './client.js'

/** The claims identity puts in an access token (API.md D7). */
export type AccessClaims = { sub: string, email: string, role: string, iss: string, aud: string, jti: string, iat: number, exp: number }

/** The kid identity gives a key: its RFC 7638 thumbprint, as services/identity's key-material.ts computes it. */
export function keyId (privatePem: string): string {
  const jwk = createPublicKey(createPrivateKey(privatePem)).export({ format: 'jwk' })
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url')
}

/** Reads a token's claims without checking it (to copy what identity issues). */
export function claimsOf (token: string): AccessClaims {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as AccessClaims
}

/**
 * An access token signed with identity's own key, exactly as identity would sign it except for the
 * claims given: the suite gives identity its key (JWT_PRIVATE_KEY), so a test can vary one claim.
 */
export function mintAccessToken (privatePem: string, claims: AccessClaims): string {
  const header = { alg: 'EdDSA', typ: 'JWT', kid: keyId(privatePem) }
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
  return `${unsigned}.${base64url(sign(null, Buffer.from(unsigned), createPrivateKey(privatePem)))}`
}
