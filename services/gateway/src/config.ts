import { Type, type Static } from 'typebox'
import { BaseConfigFields } from '@repo/kit'

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
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 })
  // CORS_ORIGINS comes with the CORS and security-header work.
})

export type GatewayConfig = Static<typeof GatewayConfigSchema>
