import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

export const SignalingConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8005 }),
  ...TokenConfigFields,
  /** How long the signals of an ended session are kept before the cleanup job deletes them (API.md 2.8: 1 h). */
  SIGNAL_RETENTION_MS: Type.Integer({ minimum: 1000, default: 3_600_000 }),
  /** How often that cleanup runs. */
  SIGNAL_CLEANUP_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 300_000 }),
  /** Largest WebSocket room message (bytes of JSON text); a larger one closes the socket with 4413. */
  WS_MAX_MESSAGE_BYTES: Type.Integer({ minimum: 256, maximum: 4_194_304, default: 65_536 }),
  /** Heartbeat: every socket is pinged this often and dropped when the previous ping got no pong. */
  WS_PING_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 600_000, default: 30_000 }),
  /** Messages one room socket may send per second; more closes it with 4429. */
  WS_RATE_LIMIT_PER_SECOND: Type.Integer({ minimum: 1, maximum: 10_000, default: 50 })
})

export type SignalingConfig = Static<typeof SignalingConfigSchema>
