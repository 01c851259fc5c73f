/** A message as the mail outbox stores it: both bodies are rendered when the mail is queued. */
export type RenderedMail = { subject: string, html: string, text: string }

export type InviteEmailInput = {
  applicantName: string
  testTitle: string
  /** `FRONTEND_DOMAIN/test-invite/<token>`: the applicant's credential, so the mail is its only copy outside the database. */
  link: string
  adminScheduled: boolean
  noSchedule: boolean
  scheduledDate: Date | null
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * "March 05, 2025 at 02:30 PM": the original's `%B %d, %Y at %I:%M %p`, in UTC (the stored value;
 * the mail says "UTC" after it, since the applicant may live anywhere).
 */
export function formatSlot (date: Date): string {
  const hours = date.getUTCHours()
  const hour12 = hours % 12 === 0 ? 12 : hours % 12
  return `${MONTHS[date.getUTCMonth()] ?? ''} ${pad(date.getUTCDate())}, ${date.getUTCFullYear()} at ${pad(hour12)}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML content and quoted attributes: names and titles are typed by people. */
export function escapeHtml (value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}

// A subject is one header line: line breaks in a title must not start another header.
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, ' ').trim()

type CallToAction = { button: string, lines: string[] }

/** The three cases of API.md section 5, in the original's order: an admin-set slot wins over no_schedule. */
function callToAction (input: InviteEmailInput): CallToAction {
  if (input.adminScheduled && input.scheduledDate !== null) {
    return { button: 'Access Platform', lines: [`Your test is scheduled for ${formatSlot(input.scheduledDate)} UTC.`, 'Please open the platform at that time to take it.'] }
  }
  if (input.noSchedule) {
    return { button: 'Take Test Anytime', lines: ['You can take the test at any time that suits you.'] }
  }
  return { button: 'Sign Up & Take Test', lines: ['Sign up and choose a convenient date and time to take the test.'] }
}

/**
 * The invite e-mail (API.md section 5): subject `Test Invitation: <title>`, a greeting by name, the test
 * title, the call to action of the invite's case and the link, signed "Interview Team". Every value a
 * person typed is escaped in the HTML body; the text body carries them as they are.
 */
export function renderInviteEmail (input: InviteEmailInput): RenderedMail {
  const cta = callToAction(input)
  const name = escapeHtml(input.applicantName)
  const title = escapeHtml(input.testTitle)
  const link = escapeHtml(input.link)
  const html = [
    '<!DOCTYPE html>',
    '<html><body style="font-family: Arial, sans-serif; color: #1f2937; line-height: 1.5;">',
    '<div style="max-width: 600px; margin: 0 auto; padding: 24px;">',
    '<h2 style="color: #111827;">You are invited to take a test</h2>',
    `<p>Hello ${name},</p>`,
    `<p>You have been invited to take the test <strong>${title}</strong>.</p>`,
    ...cta.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p style="margin: 32px 0;"><a href="${link}" style="background: #2563eb; color: #ffffff; padding: 12px 24px; border-radius: 6px; text-decoration: none; font-weight: bold;">${escapeHtml(cta.button)}</a></p>`,
    `<p>If the button does not work, copy this link into your browser:<br><a href="${link}">${link}</a></p>`,
    '<p>Best regards,<br>Interview Team</p>',
    '</div>',
    '</body></html>'
  ].join('\n')
  const text = [
    `Hello ${input.applicantName},`,
    '',
    `You have been invited to take the test "${input.testTitle}".`,
    ...cta.lines,
    '',
    `${cta.button}: ${input.link}`,
    '',
    'Best regards,',
    'Interview Team',
    ''
  ].join('\n')
  return { subject: `Test Invitation: ${oneLine(input.testTitle)}`, html, text }
}

/** The message POST /admin/email-settings/test sends: proof that the settings deliver. */
export function renderSettingsTestEmail (): RenderedMail {
  return {
    subject: 'Test email from the Interview Platform',
    html: '<!DOCTYPE html>\n<html><body style="font-family: Arial, sans-serif;"><p>This is a test e-mail: your SMTP settings work.</p><p>Best regards,<br>Interview Team</p></body></html>',
    text: 'This is a test e-mail: your SMTP settings work.\n\nBest regards,\nInterview Team\n'
  }
}
