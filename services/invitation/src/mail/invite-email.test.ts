import { describe, expect, it } from 'vitest'
import { escapeHtml, formatSlot, renderInviteEmail, type InviteEmailInput } from './invite-email.js'

const LINK = 'https://app.example.com/test-invite/AbC_-123'
const base: InviteEmailInput = { applicantName: 'Ann Lee', testTitle: 'Backend basics', link: LINK, adminScheduled: false, noSchedule: false, scheduledDate: null }

describe('renderInviteEmail', () => {
  it('has the subject, greets by name, names the test, links in both bodies and signs as Interview Team', () => {
    const mail = renderInviteEmail(base)
    expect(mail.subject).toBe('Test Invitation: Backend basics')
    for (const body of [mail.html, mail.text]) {
      expect(body).toContain('Hello Ann Lee,')
      expect(body).toContain('Backend basics')
      expect(body).toContain(LINK)
      expect(body).toContain('Interview Team')
    }
    expect(mail.html).toContain(`href="${LINK}"`)
  })

  it('without a slot and not no_schedule: "Sign Up & Take Test" and choosing a date', () => {
    const mail = renderInviteEmail(base)
    expect(mail.html).toContain('Sign Up &amp; Take Test')
    expect(mail.text).toContain(`Sign Up & Take Test: ${LINK}`)
    expect(mail.text).toContain('choose a convenient date and time')
  })

  it('no_schedule: "Take Test Anytime"', () => {
    const mail = renderInviteEmail({ ...base, noSchedule: true })
    expect(mail.html).toContain('Take Test Anytime')
    expect(mail.text).not.toContain('Sign Up')
  })

  it('admin-scheduled with a date: "Access Platform" and the slot in UTC, even with no_schedule', () => {
    const mail = renderInviteEmail({ ...base, adminScheduled: true, noSchedule: true, scheduledDate: new Date('2025-03-05T14:30:00Z') })
    expect(mail.html).toContain('Access Platform')
    expect(mail.text).toContain('scheduled for March 05, 2025 at 02:30 PM UTC')
    expect(mail.text).not.toContain('Anytime')
  })

  it('admin_scheduled without a date falls back to the unscheduled case', () => {
    expect(renderInviteEmail({ ...base, adminScheduled: true }).text).toContain('Sign Up & Take Test')
  })

  it('escapes names and titles in the HTML body, keeps them as typed in the text body', () => {
    const mail = renderInviteEmail({ ...base, applicantName: '<script>alert(1)</script>', testTitle: 'A & "B" <i>' })
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).not.toContain('<i>')
    expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,')
    expect(mail.html).toContain('A &amp; &quot;B&quot; &lt;i&gt;')
    expect(mail.text).toContain('Hello <script>alert(1)</script>,')
    expect(mail.subject).toBe('Test Invitation: A & "B" <i>')
  })

  it('keeps a title with line breaks on one subject line', () => {
    expect(renderInviteEmail({ ...base, testTitle: 'Evil\r\nBcc: x@example.com' }).subject).toBe('Test Invitation: Evil Bcc: x@example.com')
  })
})

describe('formatSlot', () => {
  it('writes Month DD, YYYY at HH:MM AM/PM in UTC', () => {
    expect(formatSlot(new Date('2025-01-09T00:05:00Z'))).toBe('January 09, 2025 at 12:05 AM')
    expect(formatSlot(new Date('2025-12-31T12:00:00Z'))).toBe('December 31, 2025 at 12:00 PM')
    expect(formatSlot(new Date('2025-07-04T23:59:00+02:00'))).toBe('July 04, 2025 at 09:59 PM')
  })
})

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml('<a href="x">\'&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
