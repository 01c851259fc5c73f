import type { InvitationContext } from '../context.js'
import { insertMail } from '../db/mail-outbox.js'
import { EmailNotConfigured, EmailTestFailed } from '../errors.js'
import { renderSettingsTestEmail } from '../mail/invite-email.js'
import { firstAttemptAt } from './deliver-invite-email.js'

/**
 * POST /admin/email-settings/test: sends a test mail through the caller's own settings (or SMTP_URL),
 * waiting for the outcome (SMTP_TIMEOUT_MS bounds it). It goes through the mail outbox like every mail,
 * so it is on record, but it is never retried: the admin sees the result now. No SMTP at all is the
 * admin's to fix (400); a server that cannot be reached or refuses the mail is a bad gateway (502),
 * with the server's reason.
 */
export async function sendTestEmail (ctx: InvitationContext, adminId: string, recipient: string): Promise<void> {
  const mail = await insertMail(ctx.db, { kind: 'settings_test', senderAdminId: adminId, recipient, ...renderSettingsTestEmail(), nextAttemptAt: firstAttemptAt(ctx) })
  const result = await ctx.mail.sendNow(mail.id)
  if (result.outcome === 'sent') return
  if (result.outcome === 'skipped') throw EmailTestFailed('Email test failed: the attempt could not be made; please retry')
  if (result.notConfigured) throw EmailNotConfigured()
  throw EmailTestFailed(`Email test failed: ${result.reason}`)
}
