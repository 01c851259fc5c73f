import { Type, type Static } from 'typebox'
import { BaseConfigFields, TokenConfigFields } from '@repo/kit'

/** A base URL the gateway forwards to: scheme, host and port, no trailing path needed. */
const UpstreamUrl = (defaultUrl: string) => Type.String({ default: defaultUrl, pattern: '^https?://[^/]+' })

export const GatewayConfigSchema = Type.Object({
  ...BaseConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8000 }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  // Where each service listens. `pnpm start` sets these from the ports it gives the services.
  IDENTITY_URL: UpstreamUrl('http://127.0.0.1:8001'),
  ASSESSMENT_URL: UpstreamUrl('http://127.0.0.1:8002'),
  INVITATION_URL: UpstreamUrl('http://127.0.0.1:8003'),
  GRADING_URL: UpstreamUrl('http://127.0.0.1:8004'),
  SIGNALING_URL: UpstreamUrl('http://127.0.0.1:8005'),
  /** How long an upstream may take to start answering (and between body chunks) before the client gets 504. */
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  /** Origins allowed to call the API from a browser, comma-separated; `*` allows any (with credentials). */
  CORS_ORIGINS: Type.String({ default: '*' }),
  /** Requests per minute one client address may make to /api (not /health, /ready, /docs). */
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  /** POST /api/auth/login and /api/auth/register per minute per client address. */
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  /** Requests per minute per client address to the routes that take an invite token in the path. */
  INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 60 }),
  // The early token check verifies against identity's JWKS at IDENTITY_URL, as every service does.
  JWT_ISSUER: TokenConfigFields.JWT_ISSUER,
  JWT_AUDIENCE: TokenConfigFields.JWT_AUDIENCE
})

export type GatewayConfig = Static<typeof GatewayConfigSchema>
