import { requireRole } from '@repo/auth'
import type { ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { getEmailSettings, updateEmailSettings } from '../use-cases/email-settings.js'
import { sendTestEmail } from '../use-cases/send-test-email.js'
import { EmailSettingsInputSchema, EmailSettingsSchema, EmailTestInputSchema, Message } from './schemas.js'

/** Each admin's own SMTP settings (API.md 2.7), which send the mails of the invites that admin makes. */
export function emailSettingsRoutes (app: ServiceApp, ctx: InvitationContext): void {
  const admin = requireRole('admin')

  app.get('/api/admin/email-settings', { onRequest: admin, schema: { response: { 200: EmailSettingsSchema } } }, async (request) => {
    return await getEmailSettings(ctx, request.user.id)
  })

  app.put('/api/admin/email-settings', { onRequest: admin, schema: { body: EmailSettingsInputSchema, response: { 200: Message } } }, async (request) => {
    await updateEmailSettings(ctx, request.user.id, request.body)
    return { message: 'Email settings updated successfully' }
  })

  // 200 once the server took the mail; 400 with no SMTP at all; 502 with the reason when delivery failed.
  app.post('/api/admin/email-settings/test', { onRequest: admin, schema: { body: EmailTestInputSchema, response: { 200: Message } } }, async (request) => {
    await sendTestEmail(ctx, request.user.id, request.body.email)
    return { message: 'Test email sent successfully' }
  })
}
