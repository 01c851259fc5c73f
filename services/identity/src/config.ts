import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

const PositiveInteger = (defaultValue: number) => Type.Integer({ minimum: 1, default: defaultValue })

export const IdentityConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8001 }),
  // Behind the gateway (on loopback) the client's address is in X-Forwarded-For; the login rate limit keys on it.
  TRUST_PROXY: Type.String({ default: 'loopback' }),
  /** bcrypt work factor for new hashes; hashes of another cost are re-hashed at the next login. */
  BCRYPT_COST: Type.Integer({ minimum: 4, maximum: 15, default: 12 }),
  ACCESS_TOKEN_EXPIRE_MINUTES: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60, default: 240 }),
  JWT_ISSUER: TokenConfigFields.JWT_ISSUER,
  JWT_AUDIENCE: TokenConfigFields.JWT_AUDIENCE,
  /** Ed25519 private key (PKCS#8 PEM). Unset: a key is generated once and kept in identity's schema. */
  JWT_PRIVATE_KEY: Type.Optional(Type.String({ pattern: '-----BEGIN PRIVATE KEY-----' })),
  /** A rotated-in key signs only this long after it is first listed, so verifiers' JWKS caches have it. */
  SIGNING_KEY_ACTIVATION_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 10 }),
  LOGIN_RATE_LIMIT_PER_IP: PositiveInteger(30),
  LOGIN_RATE_LIMIT_IP_WINDOW_SECONDS: PositiveInteger(60),
  LOGIN_RATE_LIMIT_PER_ACCOUNT: PositiveInteger(10),
  LOGIN_RATE_LIMIT_ACCOUNT_WINDOW_SECONDS: PositiveInteger(900),
  /**
   * Invitation's base URL, for the one synchronous read (ARCHITECTURE.md): deleting an applicant asks
   * how many invites the erasure will take, to answer `deleted_invites_count` (D17).
   */
  INVITATION_URL: Type.String({ pattern: '^https?://[^/]+', default: 'http://127.0.0.1:8003' }),
  /** How long that read may take; no answer in time leaves `deleted_invites_count` null, the delete goes on. */
  INVITATION_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
  /** With ADMIN_PASSWORD: the first admin (the superadmin) is created at start when no admin exists. */
  ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  ADMIN_NAME: Type.String({ minLength: 1, default: 'Administrator' })
})

export type IdentityConfig = Static<typeof IdentityConfigSchema>
