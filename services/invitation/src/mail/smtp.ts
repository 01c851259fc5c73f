import nodemailer from 'nodemailer'
import type { RenderedMail } from './invite-email.js'
import { decryptSecret } from './secret-box.js'

/** One SMTP server and how to reach it. */
export type SmtpEndpoint = {
  host: string
  port: number
  /** Implicit TLS from the first byte (smtps, port 465). */
  secure: boolean
  /** Refuse to go on unless the server upgrades with STARTTLS (the original always called starttls()). */
  requireTLS: boolean
  /** Empty: no AUTH. */
  user: string
  password: string
}

export type Sender = string | { name: string, address: string }

/** How one message goes out, or why it cannot. */
export type SmtpRoute =
  | { kind: 'smtp', source: 'admin_settings' | 'smtp_url', endpoint: SmtpEndpoint, from: Sender }
  | { kind: 'not_configured' }
  /** Settings exist but cannot be used (their password cannot be decrypted): retrying will not help. */
  | { kind: 'unusable', reason: string }

/** What the route choice needs of an admin's saved settings (a row of invitation.email_settings). */
export type SavedSmtpSettings = {
  adminId: string
  smtpHost: string
  smtpPort: number
  smtpUser: string
  smtpPasswordEncrypted: string | null
  fromEmail: string
  fromName: string
}

/** The deployment-wide fallback: SMTP_URL and MAIL_FROM. */
export type GlobalSmtp = { endpoint: SmtpEndpoint | null, mailFrom: string, settingsKey: Buffer | null }

/**
 * Parses SMTP_URL: `smtp://[user:pass@]host[:port]` (STARTTLS when the server offers it, port 587 by
 * default) or `smtps://…` (implicit TLS, port 465). User and password are percent-decoded.
 */
export function parseSmtpUrl (value: string): SmtpEndpoint {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error('SMTP_URL is not a URL (expected smtp://user:password@host:587 or smtps://…)')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP_URL must start with smtp:// or smtps://')
  if (url.hostname === '') throw new Error('SMTP_URL has no host')
  const secure = url.protocol === 'smtps:'
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: false,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password)
  }
}

/** The key the password of an admin's settings is bound to, so it cannot be moved to another admin's row. */
export const settingsSecretContext = (adminId: string) => `invitation.email_settings:${adminId}`

/**
 * Chooses the route of one message (D14): the inviting admin's own settings when they name an SMTP
 * host, else SMTP_URL, else none. An admin's From (`"<fromName>" <fromEmail>`) goes with the admin's
 * own server only; through SMTP_URL every message is from MAIL_FROM, the address that relay allows.
 */
export function chooseRoute (settings: SavedSmtpSettings | undefined, global: GlobalSmtp): SmtpRoute {
  if (settings !== undefined && settings.smtpHost.trim() !== '') {
    let password = ''
    if (settings.smtpPasswordEncrypted !== null) {
      if (global.settingsKey === null) return { kind: 'unusable', reason: 'The saved SMTP password cannot be read: EMAIL_SETTINGS_KEY is not configured' }
      try {
        password = decryptSecret(global.settingsKey, settings.smtpPasswordEncrypted, settingsSecretContext(settings.adminId))
      } catch {
        return { kind: 'unusable', reason: 'The saved SMTP password cannot be decrypted: EMAIL_SETTINGS_KEY has changed; save the password again' }
      }
    }
    const secure = settings.smtpPort === 465
    return {
      kind: 'smtp',
      source: 'admin_settings',
      endpoint: { host: settings.smtpHost.trim(), port: settings.smtpPort, secure, requireTLS: !secure, user: settings.smtpUser, password },
      from: settings.fromEmail === '' ? global.mailFrom : { name: settings.fromName, address: settings.fromEmail }
    }
  }
  if (global.endpoint !== null) return { kind: 'smtp', source: 'smtp_url', endpoint: global.endpoint, from: global.mailFrom }
  return { kind: 'not_configured' }
}

export type SendOptions = {
  /** Bounds the connection, the greeting, DNS and every wait for the server (socket inactivity). */
  timeoutMs: number
  /** False only for servers with self-signed certificates (SMTP_TLS_REJECT_UNAUTHORIZED). */
  rejectUnauthorized: boolean
}

/** Sends one message over a fresh connection; throws nodemailer's error when the server does not take it. */
export async function sendOverSmtp (endpoint: SmtpEndpoint, from: Sender, to: string, mail: RenderedMail, options: SendOptions): Promise<void> {
  const transport = nodemailer.createTransport({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    requireTLS: endpoint.requireTLS,
    ...(endpoint.user === '' ? {} : { auth: { user: endpoint.user, pass: endpoint.password } }),
    tls: { rejectUnauthorized: options.rejectUnauthorized },
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    dnsTimeout: options.timeoutMs
  })
  try {
    await transport.sendMail({ from, to, subject: mail.subject, html: mail.html, text: mail.text })
  } finally {
    transport.close()
  }
}

/**
 * A short, single-line reason for a failed send, fit for `email_error` and the log: nodemailer's
 * message (which quotes the server's reply, e.g. "Invalid login: 535 Authentication failed"), with
 * the password cut out should a server ever echo it.
 */
export function describeSmtpError (error: unknown, endpoint: SmtpEndpoint): string {
  let message = error instanceof Error ? error.message : String(error)
  if (endpoint.password !== '') message = message.split(endpoint.password).join('[redacted]')
  message = message.replace(/\s+/g, ' ').trim()
  const reason = `SMTP delivery failed: ${message === '' ? 'unknown error' : message}`
  return reason.length > 300 ? `${reason.slice(0, 297)}...` : reason
}
