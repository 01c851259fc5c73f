import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'
import { SECRET_KEY_PATTERN } from './mail/secret-box.js'

export const InvitationConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8003 }),
  ...TokenConfigFields,
  /** Where the frontend runs; invite links are `FRONTEND_DOMAIN/test-invite/<token>` (API.md section 5). */
  FRONTEND_DOMAIN: Type.String({ pattern: '^https?://[^/]+', default: 'http://localhost:3000' }),
  /** A scheduled test can be opened and started this many minutes either side of its slot (API.md rule 5). */
  TAKE_TEST_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 10080, default: 30 }),
  /** A submit this long after the deadline is still taken (D11). */
  SUBMIT_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 30 }),
  /** How often the job looks for started sessions whose deadline and grace have passed (D11). */
  AUTO_SUBMIT_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 5000 }),
  /** A submission grading has not confirmed this long after its last publish is published again. */
  GRADING_CONFIRM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 60_000 }),
  /** How often the republish job looks for unconfirmed submissions. */
  GRADING_CONFIRM_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 10_000 }),
  /** An invite not started this many days after it was made (or after its slot) becomes `expired`. */
  INVITE_EXPIRY_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
  /** How often the job looks for unstarted invites whose `expires_at` has passed and marks them `expired`. */
  EXPIRY_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 60_000 }),
  /**
   * Assessment's base URL, for the one synchronous read (ARCHITECTURE.md): an invite for a test whose
   * published event has not arrived yet.
   */
  ASSESSMENT_URL: Type.String({ pattern: '^https?://[^/]+', default: 'http://127.0.0.1:8002' }),
  /** How long that read may take before the invite is answered 503 instead. */
  ASSESSMENT_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
  // E-mail (D14, API.md section 5). An admin's own saved SMTP settings win over these.
  /** The deployment's SMTP server, `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; empty: none. */
  SMTP_URL: Type.String({ pattern: '^(smtps?://\\S+)?$', default: '' }),
  /** From of mails that do not go through an admin's own settings (those use the admin's From). */
  MAIL_FROM: Type.String({ minLength: 3, maxLength: 320, default: 'Interview Team <no-reply@localhost>' }),
  /** Bounds the SMTP connection, greeting and each wait for the server, so a dead server fails an attempt in time. */
  SMTP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 10_000 }),
  /** Set false only for an SMTP server with a self-signed certificate. */
  SMTP_TLS_REJECT_UNAUTHORIZED: Type.Boolean({ default: true }),
  /** How long creating an invite (or retry-email) waits for the first delivery attempt before answering. */
  MAIL_SEND_WAIT_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 2000 }),
  /** Attempts per mail before it is left `failed` with its last error. */
  MAIL_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
  /** Wait after the first failed attempt; it doubles per failure (plus up to 25% jitter) up to MAIL_RETRY_MAX_MS. */
  MAIL_RETRY_BASE_MS: Type.Integer({ minimum: 10, maximum: 86_400_000, default: 30_000 }),
  MAIL_RETRY_MAX_MS: Type.Integer({ minimum: 10, maximum: 86_400_000, default: 3_600_000 }),
  /** How often the delivery worker looks for mails due for an attempt. */
  MAIL_POLL_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 5000 }),
  /** Delivery attempts under way at once per process; each holds a database connection while it talks SMTP. */
  MAIL_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 50, default: 3 }),
  /**
   * Encrypts saved SMTP passwords (AES-256-GCM): 32 bytes as 64 hex digits or base64. Unset: no admin
   * can save a password. Changing it makes saved passwords unreadable (admins save them again).
   */
  EMAIL_SETTINGS_KEY: Type.Optional(Type.String({ pattern: SECRET_KEY_PATTERN }))
})

export type InvitationConfig = Static<typeof InvitationConfigSchema>
