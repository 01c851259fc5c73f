import { eq } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { intervalJob } from '@repo/kit'
import type { InvitationDb, InvitationTx } from '../db/database.js'
import { findEmailSettings } from '../db/email-settings.js'
import { lockDueMail, lockFreshMail, recordInviteEmail, recordMailFailure, recordMailSent, type MailRow } from '../db/mail-outbox.js'
import { invites, type InviteStatus } from '../db/schema.js'
import { retryDelayMs } from '../mail/backoff.js'
import type { MailConfig } from '../mail/mail-config.js'
import { chooseRoute, describeSmtpError, sendOverSmtp } from '../mail/smtp.js'
import { taskLimiter } from '../mail/task-limiter.js'
import { EMAIL_NOT_CONFIGURED, logUndeliveredInvite } from './deliver-invite-email.js'

/** How one attempt ended. `skipped`: nothing to do (no mail due, or another attempt holds it). */
export type AttemptResult =
  | { outcome: 'skipped' }
  | { outcome: 'sent' }
  | { outcome: 'retrying' | 'failed', reason: string, notConfigured: boolean }

export type MailDeliveryDeps = {
  db: InvitationDb
  log: FastifyBaseLogger
  /** For the operator's log line when a mail cannot be sent (config FRONTEND_DOMAIN). */
  frontendDomain: string
  config: MailConfig
}

export type MailDelivery = {
  config: MailConfig
  /**
   * Starts the first attempt of freshly queued mails now and waits for them at most `waitMs`; attempts
   * still under way then go on in the background (tracked: stop() waits for them). The mails are locked
   * while they are attempted, so the worker here or on a replica never sends them a second time.
   */
  sendFresh: (ids: string[], waitMs: number) => Promise<void>
  /** The first attempt of one mail, waited for however long SMTP takes (SMTP_TIMEOUT_MS bounds it). */
  sendNow: (id: string) => Promise<AttemptResult>
  /** One worker pass: attempts every mail due, a few at a time. Returns how many were attempted. */
  deliverDue: () => Promise<number>
  start: () => void
  /** Stops the worker, drops attempts not yet started (they stay due) and waits for those under way. */
  stop: () => Promise<void>
}

// Mails of invites that can no longer be taken are not sent: the link would lead nowhere.
const CLOSED: InviteStatus[] = ['revoked', 'expired', 'completed']

/** Waits for `promise` at most `ms`; it goes on afterwards. */
async function waitAtMost (promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([promise, new Promise((resolve) => { timer = setTimeout(resolve, ms) })])
  clearTimeout(timer)
}

/**
 * Delivers the mail outbox (D14). Each attempt runs in one transaction that holds the mail's row lock
 * while it talks SMTP: a crash mid-send leaves the mail pending for the next pass, and FOR UPDATE SKIP
 * LOCKED keeps two processes off one mail. An invite's mail also keeps the invite's `email_sent`,
 * `email_sent_at` and `email_error` true to what happened.
 */
export function createMailDelivery (deps: MailDeliveryDeps): MailDelivery {
  const { config, log } = deps
  const limiter = taskLimiter(config.concurrency)
  const synchronous = new Set<Promise<unknown>>()

  const finish = async (tx: InvitationTx, mail: MailRow, attempts: number, reason: string, retry: boolean, notConfigured: boolean): Promise<AttemptResult> => {
    const retryAt = retry ? new Date(Date.now() + retryDelayMs(attempts, config.retryBaseMs, config.retryMaxMs)) : null
    await recordMailFailure(tx, mail.id, attempts, reason, retryAt)
    if (mail.inviteId !== null) await recordInviteEmail(tx, mail.inviteId, { emailError: reason })
    return { outcome: retry ? 'retrying' : 'failed', reason, notConfigured }
  }

  const attemptLocked = async (tx: InvitationTx, mail: MailRow): Promise<AttemptResult> => {
    const attempts = mail.attempts + 1
    const fields = { mailId: mail.id, inviteId: mail.inviteId, kind: mail.kind, attempt: attempts }
    if (mail.inviteId !== null) {
      const [invite] = await tx.select({ status: invites.status }).from(invites).where(eq(invites.id, mail.inviteId)).limit(1)
      if (invite !== undefined && CLOSED.includes(invite.status)) {
        log.info({ ...fields, status: invite.status }, 'invite e-mail not sent: the invite is closed')
        await recordMailFailure(tx, mail.id, attempts, `Not sent: the invite is ${invite.status}`, null)
        return { outcome: 'failed', reason: `Not sent: the invite is ${invite.status}`, notConfigured: false }
      }
    }
    const settings = mail.senderAdminId === null ? undefined : await findEmailSettings(tx, mail.senderAdminId)
    const route = chooseRoute(settings, config.global)
    if (route.kind === 'not_configured') {
      // Retrying cannot help until someone configures SMTP; retry-email queues it again then.
      if (mail.inviteId === null) log.warn(fields, 'e-mail not sent: e-mail delivery is not configured')
      else logUndeliveredInvite(log, deps.frontendDomain, mail.inviteId)
      return await finish(tx, mail, attempts, EMAIL_NOT_CONFIGURED, false, true)
    }
    if (route.kind === 'unusable') {
      log.warn({ ...fields, reason: route.reason }, 'e-mail not sent: the sender\'s SMTP settings cannot be used')
      return await finish(tx, mail, attempts, route.reason, false, false)
    }
    const server = { via: route.source, host: route.endpoint.host, port: route.endpoint.port }
    try {
      await sendOverSmtp(route.endpoint, route.from, mail.recipient, mail, config.send)
    } catch (error) {
      const reason = describeSmtpError(error, route.endpoint)
      // A settings test is interactive: its caller sees the failure at once, a later retry would be noise.
      const retry = mail.kind === 'invite' && attempts < config.maxAttempts
      log.warn({ ...fields, ...server, reason, retry }, retry ? 'e-mail attempt failed; it will be retried' : 'e-mail attempt failed; giving up')
      return await finish(tx, mail, attempts, reason, retry, false)
    }
    const sentAt = new Date()
    await recordMailSent(tx, mail.id, attempts, sentAt)
    if (mail.inviteId !== null) await recordInviteEmail(tx, mail.inviteId, { emailSent: true, emailSentAt: sentAt, emailError: null })
    log.info({ ...fields, ...server }, 'e-mail sent')
    return { outcome: 'sent' }
  }

  /** One attempt on the mail `lock` finds, in its own transaction; never rejects. */
  const attempt = async (lock: (tx: InvitationTx) => Promise<MailRow | undefined>): Promise<AttemptResult> => {
    try {
      return await deps.db.transaction(async (tx) => {
        const mail = await lock(tx)
        return mail === undefined ? { outcome: 'skipped' as const } : await attemptLocked(tx, mail)
      })
    } catch (error) {
      // The database failed (the SMTP outcome, if any, is lost with the rollback): the mail stays pending.
      log.error({ err: error }, 'e-mail attempt could not be recorded; the mail stays queued')
      return { outcome: 'skipped' }
    }
  }

  const deliverDue = async (): Promise<number> => {
    let attempted = 0
    // `concurrency` lanes, each taking the next due mail until none is left (or the limiter closes).
    const lane = async () => {
      for (;;) {
        const result = await limiter.run(async () => await attempt(async (tx) => await lockDueMail(tx, new Date())))
        if (result === undefined || result.outcome === 'skipped') return
        attempted++
      }
    }
    await Promise.all(Array.from({ length: config.concurrency }, lane))
    return attempted
  }

  const worker = intervalJob('mail-delivery', config.pollIntervalMs, deliverDue, log)

  return {
    config,
    sendFresh: async (ids, waitMs) => {
      if (ids.length === 0) return
      const attempts = Promise.all(ids.map(async (id) => await limiter.run(async () => await attempt(async (tx) => await lockFreshMail(tx, id)))))
      await waitAtMost(attempts, waitMs)
    },
    sendNow: async (id) => {
      const running = attempt(async (tx) => await lockFreshMail(tx, id))
      synchronous.add(running)
      try {
        return await running
      } finally {
        synchronous.delete(running)
      }
    },
    deliverDue,
    start: () => {
      const endpoint = config.global.endpoint
      log.info({ smtpUrl: endpoint === null ? null : `${endpoint.secure ? 'smtps' : 'smtp'}://${endpoint.host}:${endpoint.port}`, passwordKey: config.global.settingsKey !== null },
        endpoint === null ? 'mail delivery: no SMTP_URL; only admins\' own SMTP settings can send' : 'mail delivery: SMTP_URL configured')
      worker.start()
    },
    stop: async () => {
      await limiter.close()
      await worker.stop()
      await Promise.all([...synchronous])
    }
  }
}
