import { createHmac, generateKeyPairSync, randomBytes, randomUUID, type JsonWebKey } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import type { AccessTokenAlgorithm } from '../algorithms.js'
import type { Role } from '../auth-user.js'

export type Jwks = { keys: JsonWebKey[] }

/** The claims identity puts in an access token (API.md D7). */
export type AccessTokenClaims = {
  sub: string
  email: string
  role: Role
  jti: string
  iss: string
  aud: string | string[]
  iat: number
  exp: number
  nbf: number
}

/** Claims to override; `undefined` removes a claim (to test tokens that lack one). Extra claims are kept. */
export type TestClaims = { [K in keyof AccessTokenClaims]?: AccessTokenClaims[K] | undefined } & Record<string, unknown>

export type TestSignOptions = {
  /** Lifetime from now (default 900); negative gives an expired token. Ignored when `exp` is given. */
  expiresInSeconds?: number
  /** The header's kid. A kid of this issuer signs with that key; any other kid signs with the current key. */
  kid?: string
  /**
   * The header's alg. `HS256` signs with the public key's PEM text as the HMAC secret (the classic key
   * confusion attack); `none` leaves the signature empty. Other values must match the issuer's keys.
   */
  alg?: AccessTokenAlgorithm | 'HS256' | 'none'
}

export type TestIssuerOptions = {
  issuer: string
  audience: string
  /** Kind of keys generated (default EdDSA, i.e. Ed25519). */
  algorithm?: AccessTokenAlgorithm
}

export type TestIssuer = {
  /** The kid new tokens are signed with. */
  readonly kid: string
  /** The public keys currently listed, as identity's JWKS endpoint would answer. */
  readonly jwks: Jwks
  /** A signed access token with sensible defaults (an applicant, 15 minutes). */
  sign: (claims?: TestClaims, options?: TestSignOptions) => string
  /** Adds a new key and signs with it from now on; the old keys stay listed unless `keepPrevious` is false. */
  rotate: (options?: { keepPrevious?: boolean }) => string
}

type KeyEntry = { kid: string, privatePem: string, publicPem: string, jwk: JsonWebKey }

function generateKey (algorithm: AccessTokenAlgorithm): KeyEntry {
  const kid = randomBytes(9).toString('base64url')
  const { privateKey, publicKey } = algorithm === 'EdDSA'
    ? generateKeyPairSync('ed25519')
    : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    kid,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: algorithm }
  }
}

/**
 * Tokens that a correct verifier must refuse. Built by hand because fast-jwt, rightly, will not sign
 * them: HS256 keyed with the public key's PEM text (key confusion), and an unsigned `alg: none`.
 */
function forge (alg: 'HS256' | 'none', kid: string, key: KeyEntry, payload: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${encode({ alg, typ: 'JWT', kid })}.${encode(payload)}`
  const signature = alg === 'none' ? '' : createHmac('sha256', key.publicPem).update(input).digest('base64url')
  return `${input}.${signature}`
}

/**
 * Stands in for identity in other services' tests: real Ed25519 (or P-256) keys with kids, a JWKS,
 * and tokens shaped like identity's, plus the forged variants the verifier must refuse.
 */
export function createTestIssuer (options: TestIssuerOptions): TestIssuer {
  const algorithm = options.algorithm ?? 'EdDSA'
  const keys = new Map<string, KeyEntry>()
  let current = generateKey(algorithm)
  keys.set(current.kid, current)

  function sign (claims: TestClaims = {}, signOptions: TestSignOptions = {}): string {
    const kid = signOptions.kid ?? current.kid
    const key = keys.get(kid) ?? current
    const alg = signOptions.alg ?? algorithm
    const iat = Math.floor(Date.now() / 1000)
    const payload: Record<string, unknown> = {
      sub: randomUUID(),
      email: 'applicant@example.com',
      role: 'applicant',
      jti: randomUUID(),
      iss: options.issuer,
      aud: options.audience,
      iat,
      exp: iat + (signOptions.expiresInSeconds ?? 900),
      ...claims
    }
    for (const [name, value] of Object.entries(payload)) if (value === undefined) Reflect.deleteProperty(payload, name)

    if (alg === 'HS256' || alg === 'none') return forge(alg, kid, key, payload)
    if (alg !== algorithm) throw new Error(`createTestIssuer: this issuer holds ${algorithm} keys and cannot sign ${alg}`)
    // iat and exp are already in the payload (so tests can backdate them); fast-jwt keeps them as given.
    const signer = createSigner({ algorithm: alg, key: key.privatePem, kid, noTimestamp: !('iat' in payload) })
    return signer(payload)
  }

  function rotate ({ keepPrevious = true }: { keepPrevious?: boolean } = {}): string {
    if (!keepPrevious) keys.clear()
    current = generateKey(algorithm)
    keys.set(current.kid, current)
    return current.kid
  }

  return {
    get kid () { return current.kid },
    get jwks () { return { keys: [...keys.values()].map((entry) => ({ ...entry.jwk })) } },
    sign,
    rotate
  }
}
