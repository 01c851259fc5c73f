import type { InvitationConfig } from '../config.js'
import { parseSecretKey } from './secret-box.js'
import { parseSmtpUrl, type GlobalSmtp, type SendOptions } from './smtp.js'

/** Everything mail delivery reads from configuration, parsed once at boot. */
export type MailConfig = {
  global: GlobalSmtp
  send: SendOptions
  /** How long a request waits for the first attempts of the mails it queued (MAIL_SEND_WAIT_MS). */
  sendWaitMs: number
  maxAttempts: number
  retryBaseMs: number
  retryMaxMs: number
  /** Attempts under way at once per process; each holds a database connection while it talks SMTP. */
  concurrency: number
  pollIntervalMs: number
}

/** Reads the mail settings; a malformed SMTP_URL stops the service at boot rather than at the first invite. */
export function mailConfigFrom (config: InvitationConfig): MailConfig {
  return {
    global: {
      endpoint: config.SMTP_URL === '' ? null : parseSmtpUrl(config.SMTP_URL),
      mailFrom: config.MAIL_FROM,
      settingsKey: config.EMAIL_SETTINGS_KEY === undefined ? null : parseSecretKey(config.EMAIL_SETTINGS_KEY)
    },
    send: { timeoutMs: config.SMTP_TIMEOUT_MS, rejectUnauthorized: config.SMTP_TLS_REJECT_UNAUTHORIZED },
    sendWaitMs: config.MAIL_SEND_WAIT_MS,
    maxAttempts: config.MAIL_MAX_ATTEMPTS,
    retryBaseMs: config.MAIL_RETRY_BASE_MS,
    retryMaxMs: config.MAIL_RETRY_MAX_MS,
    concurrency: config.MAIL_CONCURRENCY,
    pollIntervalMs: config.MAIL_POLL_INTERVAL_MS
  }
}
