import type { InvitationContext } from '../context.js'
import { findEmailSettings, upsertEmailSettings, type EmailSettingsRow } from '../db/email-settings.js'
import { EmailSettingsKeyMissing } from '../errors.js'
import { encryptSecret } from '../mail/secret-box.js'
import { settingsSecretContext } from '../mail/smtp.js'

/** What GET shows in place of a saved password, and what PUT takes as "keep the saved one" (D14). */
export const PASSWORD_MASK = '********'

/** An admin's settings on the wire (API.md 2.7, camelCase). */
export type EmailSettingsView = {
  smtpHost: string
  smtpPort: number
  smtpUser: string
  smtpPassword: string
  fromEmail: string
  fromName: string
}

/** PUT's body: an omitted field keeps its saved (or default) value. */
export type EmailSettingsInput = Partial<EmailSettingsView>

const DEFAULTS = { smtpHost: '', smtpPort: 587, smtpUser: '', fromEmail: '', fromName: '12th Wonder Interview Platform' }

function view (row: EmailSettingsRow | undefined): EmailSettingsView {
  const saved = row ?? { ...DEFAULTS, smtpPasswordEncrypted: null }
  return {
    smtpHost: saved.smtpHost,
    smtpPort: saved.smtpPort,
    smtpUser: saved.smtpUser,
    // The password never leaves the service, not even encrypted: the mask only says that one is saved.
    smtpPassword: saved.smtpPasswordEncrypted === null ? '' : PASSWORD_MASK,
    fromEmail: saved.fromEmail,
    fromName: saved.fromName
  }
}

/** The caller's own settings, or the defaults when none are saved. */
export async function getEmailSettings (ctx: InvitationContext, adminId: string): Promise<EmailSettingsView> {
  return view(await findEmailSettings(ctx.db, adminId))
}

/**
 * Saves the caller's settings. The password: omitted or the mask keeps the saved one, `""` clears it,
 * anything else is encrypted with EMAIL_SETTINGS_KEY, bound to this admin; without that key a password
 * is refused rather than stored in plain text.
 */
export async function updateEmailSettings (ctx: InvitationContext, adminId: string, input: EmailSettingsInput): Promise<void> {
  const key = ctx.mail.config.global.settingsKey
  const password = input.smtpPassword
  if (password !== undefined && password !== '' && password !== PASSWORD_MASK && key === null) throw EmailSettingsKeyMissing()
  await ctx.db.transaction(async (tx) => {
    const saved = await findEmailSettings(tx, adminId)
    const current = saved ?? { ...DEFAULTS, smtpPasswordEncrypted: null }
    let smtpPasswordEncrypted = current.smtpPasswordEncrypted
    if (password === '') smtpPasswordEncrypted = null
    else if (password !== undefined && password !== PASSWORD_MASK && key !== null) smtpPasswordEncrypted = encryptSecret(key, password, settingsSecretContext(adminId))
    await upsertEmailSettings(tx, adminId, {
      smtpHost: (input.smtpHost ?? current.smtpHost).trim(),
      smtpPort: input.smtpPort ?? current.smtpPort,
      smtpUser: input.smtpUser ?? current.smtpUser,
      smtpPasswordEncrypted,
      fromEmail: (input.fromEmail ?? current.fromEmail).trim(),
      fromName: input.fromName ?? current.fromName,
      updatedAt: new Date()
    })
  })
}
