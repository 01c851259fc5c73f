import { Type, type Static } from 'typebox'
import { BaseConfigFields, TokenConfigFields } from '@repo/kit'

// One base URL (scheme, host and port), or several separated by commas: the replicas of one service.
const baseUrl = 'https?://[^/,\\s]+[^,\\s]*'
/** Where one service listens: a base URL, or a comma-separated list of its replicas' base URLs. */
const UpstreamUrls = (defaultUrl: string) => Type.String({ default: defaultUrl, pattern: `^\\s*${baseUrl}(\\s*,\\s*${baseUrl})*\\s*$` })

export const GatewayConfigSchema = Type.Object({
  ...BaseConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8000 }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  // Where each service listens. `pnpm start` sets these from the ports it gives the services. A list
  // (`http://10.0.0.1:8001,http://10.0.0.2:8001`) names replicas: requests are spread over them, and an
  // idempotent request that cannot connect to one goes to the next (src/proxy/replicas.ts).
  IDENTITY_URL: UpstreamUrls('http://127.0.0.1:8001'),
  ASSESSMENT_URL: UpstreamUrls('http://127.0.0.1:8002'),
  INVITATION_URL: UpstreamUrls('http://127.0.0.1:8003'),
  GRADING_URL: UpstreamUrls('http://127.0.0.1:8004'),
  SIGNALING_URL: UpstreamUrls('http://127.0.0.1:8005'),
  /** How long an upstream may take to start answering (and between body chunks) before the client gets 504. */
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  /** Origins allowed to call the API from a browser, comma-separated; `*` allows any (with credentials). */
  CORS_ORIGINS: Type.String({ default: '*' }),
  /** Requests per minute one client address may make to /api (not /health, /ready, /docs). */
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  /** POST /api/auth/login and /api/auth/register per minute per client address. */
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  /** Failed lookups (404) per minute per client address on the routes that take an invite token in the path. */
  INVITE_TOKEN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 60 }),
  // The early token check verifies against identity's JWKS at IDENTITY_URL, as every service does.
  JWT_ISSUER: TokenConfigFields.JWT_ISSUER,
  JWT_AUDIENCE: TokenConfigFields.JWT_AUDIENCE
})

export type GatewayConfig = Static<typeof GatewayConfigSchema>
