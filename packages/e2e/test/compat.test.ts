import { beforeAll, describe, expect, inject, it } from 'vitest'
import { waitFor } from '@repo/testing'
import { client, type Json, type Reply } from '../src/client.js'
import { expectShape, type Shape } from '../src/shape.js'
import { SUPERADMIN } from '../src/superadmin.js'

// The original web frontend as a client (API.md section 7): its calls, row by row of the table, with its
// paths (relative to `${REACT_APP_BACKEND_URL}/api`) and payloads, each checked for the fields the
// component reads, with the types it uses them as. Where a Decision changes an answer, the decided one
// is asserted and the Decision named.
const api = client(`${inject('gatewayUrl')}/api`)
const unique = Date.now().toString(36)
const password = 'correct horse battery'
const applicant = { email: `compat-${unique}@example.com`, password, full_name: 'Cora Compat' }

const USER: Shape = { id: 'string', email: 'string', full_name: 'string', role: 'string', created_at: 'iso', is_active: 'boolean' }
const QUESTION: Shape = { id: 'string', type: 'string', question: 'string', options: 'array|null', correct_answer: 'string|null', points: 'number', expected_language: 'string|null' }
const TEST = { id: 'string', title: 'string', description: 'string', duration_minutes: 'number', created_at: 'iso', questions: [QUESTION] } as const satisfies Shape
const INVITE_ROW: Shape = { id: 'string', test_id: 'string', applicant_name: 'string', applicant_email: 'string', status: 'string', invite_token: 'string', scheduled_date: 'iso|null', created_at: 'iso', email_sent: 'boolean', email_sent_at: 'iso|null' }
const MESSAGE: Shape = { message: 'string' }
const ERROR: Shape = { detail: 'string' }

/** The call's body after checking its status and the fields the frontend reads; `label` names the call in failures. */
function read (label: string, reply: Reply, shape: Shape, status = 200): Json {
  expect(reply.status, `${label}: ${JSON.stringify(reply.body)}`).toBe(status)
  expectShape(label, reply.body, shape)
  return reply.body
}

/** YYYY-MM-DD of today, as the dashboard's date filter defaults to it (the stack runs in UTC). */
const today = (): string => new Date().toISOString().slice(0, 10)

/** Tomorrow at the given UTC hour: a slot of TestInvite.js's picker (09:00-17:30). */
function tomorrowAt (hour: number): string {
  const date = new Date(Date.now() + 86_400_000)
  date.setUTCHours(hour, 0, 0, 0)
  return date.toISOString()
}

describe('the original frontend as a client (API.md section 7)', () => {
  let superToken: string
  let adminToken: string
  let applicantToken: string
  let test: Json
  // The applicant's invites, oldest first: the one taken, one the admin scheduled, one the applicant
  // schedules, and one that the one-test-at-a-time rule keeps waiting.
  let taken: Json
  let adminScheduled: Json
  let selfScheduled: Json
  let waiting: Json
  let submissionId: string

  beforeAll(async () => {
    superToken = await api.login(SUPERADMIN.email, SUPERADMIN.password)
    // A deputy admin of this file's own does the dashboard work, so clearing notifications or saving
    // settings touches no other file's admin. It exists before any test starts, so it is notified too.
    const deputy = { email: `compat-admin-${unique}@example.com`, password, full_name: 'Dee Deputy' }
    expect((await api.post('/admin/create-admin', deputy, superToken)).status).toBe(200)
    adminToken = await api.login(deputy.email, password)
  })

  it('App.js, SimpleLoginFixed.js: sign-up restriction, register, login, me; errors toast a detail', async () => {
    const restriction = read('GET /admin/check-signup-restriction', await api.get('/admin/check-signup-restriction'), { admin_exists: 'boolean', allow_admin_signup: 'boolean' })
    expect(restriction.admin_exists).toBe(true)
    const registered = read('POST /auth/register', await api.post('/auth/register', { email: applicant.email, password, full_name: applicant.full_name, role: 'applicant' }), USER)
    expect(registered.role).toBe('applicant')
    read('POST /auth/register as a second admin', await api.post('/auth/register', { email: `x-${unique}@example.com`, password, full_name: 'X', role: 'admin' }), ERROR, 403)

    const login = read('POST /auth/login', await api.post('/auth/login', { email: applicant.email, password }), { access_token: 'string', token_type: 'string', user: USER })
    // The role picks the redirect (/applicant or /admin).
    expect(login.user.role).toBe('applicant')
    applicantToken = login.access_token
    read('POST /auth/login with a wrong password', await api.post('/auth/login', { email: applicant.email, password: 'not the password' }), ERROR, 401)
    expect(read('GET /auth/me', await api.get('/auth/me', applicantToken), USER).email).toBe(applicant.email)
  })

  it('AdminDashboard.js, tests: create, list, edit with the whole test, delete, force delete', async () => {
    // As CreateTestPage.js sends it: client-side question ids (ignored), the MCQ's correct answer is the option text.
    const body = {
      title: `Compat e2e ${unique}`,
      description: 'The frontend\'s own test',
      duration_minutes: 45,
      questions: [
        { id: 1, type: 'multiple_choice', question: 'Which HTTP status means Not Found?', options: ['200', '404', '500'], correct_answer: '404', points: 2, expected_language: '' },
        { id: 2, type: 'coding', question: 'Reverse a string', options: [], correct_answer: '', points: 3, expected_language: 'javascript' },
        { id: 3, type: 'essay', question: 'Why do you want this job?', options: [], correct_answer: '', points: 1, expected_language: '' }
      ]
    }
    test = read('POST /tests', await api.post('/tests', body, adminToken), TEST)
    const listed = read('GET /tests', await api.get('/tests', adminToken), [{ id: 'string' }]) as Json[]
    expectShape('GET /tests (the new test)', listed.find((row) => row.id === test.id), TEST)

    // PUT sends the test object the list gave, edited: ids, created_by and the like ride along (D9: a new version).
    const edited = { ...listed.find((row) => row.id === test.id), title: `Compat e2e ${unique} (edited)` }
    test = read('PUT /tests/{id}', await api.put(`/tests/${test.id as string}`, edited, adminToken), { ...TEST, version: 'number' })
    expect(test.title).toBe(edited.title)
    expect(test.version).toBe(2)

    const spare = read('POST /tests (to delete)', await api.post('/tests', { ...body, title: `Compat spare ${unique}` }, adminToken), TEST)
    read('DELETE /tests/{id}', await api.delete(`/tests/${spare.id as string}`, adminToken), MESSAGE)
    const doomed = read('POST /tests (to force delete)', await api.post('/tests', { ...body, title: `Compat doomed ${unique}` }, adminToken), TEST)
    read('POST /invites (on the doomed test)', await api.post('/invites', { test_id: doomed.id, applicant_email: `doomed-${unique}@example.com`, applicant_name: 'Doomed', admin_scheduled: false, no_schedule: true }, adminToken), { id: 'string' })
    const forced = read('DELETE /tests/{id}/force', await api.delete(`/tests/${doomed.id as string}/force`, adminToken), { message: 'string', deleted_invites: 'number', force_deleted: 'boolean' })
    expect(forced.deleted_invites).toBe(1)

    // Out of this version (API.md, after D18): 501 with a detail the dashboard toasts.
    const generated = await api.post('/tests/auto-generate', { topic: 'HTTP', questionCount: 5, geminiApiKey: 'key', level: 'beginner', questionType: 'mixed' }, adminToken)
    read('POST /tests/auto-generate', generated, ERROR, 501)
  })

  it('AdminDashboard.js, invites: create (no_schedule by default, or admin-scheduled), list for today, retry the e-mail', async () => {
    const invite = async (label: string, extra: Record<string, unknown>): Promise<Json> => {
      const body = { test_id: test.id, applicant_email: applicant.email, applicant_name: applicant.full_name, admin_scheduled: false, no_schedule: true, ...extra }
      return read(label, await api.post('/invites', body, adminToken), INVITE_ROW)
    }
    taken = await invite('POST /invites (UI defaults)', {})
    adminScheduled = await invite('POST /invites (admin-scheduled)', { admin_scheduled: true, no_schedule: false, scheduled_date: tomorrowAt(10) })
    expect(adminScheduled.status).toBe('scheduled')
    selfScheduled = await invite('POST /invites (applicant schedules)', { no_schedule: false })
    waiting = await invite('POST /invites (waits its turn)', {})

    const listed = read('GET /invites for today', await api.get(`/invites?date_filter=${today()}&status_filter=all&email_search=`, adminToken), [INVITE_ROW]) as Json[]
    expect(listed.map((row) => row.id)).toEqual(expect.arrayContaining([taken.id, adminScheduled.id, selfScheduled.id, waiting.id]))
    const retried = read('POST /invites/{id}/retry-email', await api.post(`/invites/${taken.id as string}/retry-email`, undefined, adminToken), { message: 'string', email_sent: 'boolean' })
    expect(retried.email_sent).toBe(true)
  })

  it('TestInvite.js: the invite page by token, and the applicant picking a slot', async () => {
    const page = read('GET /invites/token/{token}', await api.get(`/invites/token/${selfScheduled.invite_token as string}`), {
      invite: { status: 'string', applicant_name: 'string', applicant_email: 'string', scheduled_date: 'iso|null' },
      test: { title: 'string', description: 'string', duration_minutes: 'number', questions: [{ type: 'string' }] }
    })
    expect(page.invite.scheduled_date).toBeNull()
    read('POST /invites/token/{token}/schedule', await api.post(`/invites/token/${selfScheduled.invite_token as string}/schedule`, { scheduled_date: tomorrowAt(14) }), MESSAGE)
    const after = read('GET /invites/token/{token} once scheduled', await api.get(`/invites/token/${selfScheduled.invite_token as string}`), { invite: { status: 'string', scheduled_date: 'iso' } })
    expect(after.invite.status).toBe('scheduled')
    expect(Date.parse(after.invite.scheduled_date as string)).toBe(Date.parse(tomorrowAt(14)))
  })

  it('ApplicantDashboard.js: my invites, with the real scheduling flags', async () => {
    const invites = read('GET /my-invites', await api.get('/my-invites', applicantToken), [{ id: 'string', status: 'string', created_at: 'iso', invite_token: 'string', scheduled_date: 'iso|null', admin_scheduled: 'boolean', no_schedule: 'boolean', test_title: 'string', test_duration_minutes: 'number' }]) as Json[]
    const byId = new Map(invites.map((row) => [row.id, row]))
    expect(byId.get(taken.id)).toMatchObject({ admin_scheduled: false, no_schedule: true, test_title: test.title })
    expect(byId.get(adminScheduled.id)).toMatchObject({ admin_scheduled: true, no_schedule: false, status: 'scheduled' })
    read('GET /my-submissions before any submit', await api.get('/my-submissions', applicantToken), 'array')
  })

  it('WorkingTakeTest.js and TestMonitoring.js: take the test under the HTTP proctoring mailbox, then submit', async () => {
    const token = taken.invite_token as string
    const page = read('GET /take-test/{token}', await api.get(`/take-test/${token}`), {
      invite: { id: 'string' },
      test: { duration_minutes: 'number', questions: [{ id: 'string', type: 'string', question: 'string', options: 'array|null', expected_language: 'string|null', points: 'number' }] }
    })
    const inviteId = page.invite.id as string
    read('POST /start-test/{token}', await api.post(`/start-test/${token}`), { message: 'string', status: 'string' })
    // The one-test-at-a-time rule (D10 keeps it): the page shows the detail.
    const blocked = read('POST /start-test/{token} of a second test', await api.post(`/start-test/${waiting.invite_token as string}`), ERROR, 409)
    expect(blocked.detail).toMatch(/incomplete test in progress/)

    // The test page sends no credentials at all (D15 accepts that while the invite is in progress).
    const started = await waitFor('signaling to know the invite is in progress', async () => {
      const reply = await api.post(`/webrtc/start-session/${inviteId}`)
      return reply.status === 200 ? reply : undefined
    })
    read('POST /webrtc/start-session/{inviteId} (applicant)', started, { status: 'string', invite_id: 'string' })
    read('POST /webrtc/offer', await api.post('/webrtc/offer', { type: 'offer', sdp: 'v=0 offer', invite_id: inviteId }), { offer_id: 'string', status: 'string' })
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 54400 typ host', sdpMid: '0', sdpMLineIndex: 0 }
    read('POST /webrtc/ice-candidate (applicant)', await api.post('/webrtc/ice-candidate', { candidate, invite_id: inviteId }), { candidate_id: 'string', status: 'string' })

    // TestMonitoring.js: in-progress invites from the list, then the admin's side of the mailbox.
    const all = read('GET /invites (monitoring)', await api.get('/invites', adminToken), [{ id: 'string', status: 'string', scheduled_date: 'iso|null' }]) as Json[]
    expect(all.filter((row) => row.status === 'in_progress').map((row) => row.id)).toContain(inviteId)
    read('POST /webrtc/start-session/{id} (admin)', await api.post(`/webrtc/start-session/${inviteId}`, undefined, adminToken), { status: 'string', invite_id: 'string' })
    const forAdmin = read('GET /webrtc/signals/{id} (admin)', await api.get(`/webrtc/signals/${inviteId}`, adminToken), { signals: [{ id: 'string', type: 'string', data: 'object' }], session_status: 'string' })
    const offer = (forAdmin.signals as Json[]).find((signal) => signal.type === 'offer')
    expect(offer?.data.sdp).toBe('v=0 offer')
    read('POST /webrtc/answer', await api.post('/webrtc/answer', { type: 'answer', sdp: 'v=0 answer', invite_id: inviteId }, adminToken), { answer_id: 'string', status: 'string' })
    read('POST /webrtc/ice-candidate (admin)', await api.post('/webrtc/ice-candidate', { candidate, invite_id: inviteId }, adminToken), { candidate_id: 'string', status: 'string' })

    // Back on the test page: the 2-second poll finds the answer's sdp and the admin's candidate.
    const forApplicant = read('GET /webrtc/signals/{inviteId} (applicant)', await api.get(`/webrtc/signals/${inviteId}`), { signals: [{ type: 'string', data: 'object' }] })
    const types = new Map((forApplicant.signals as Json[]).map((signal) => [signal.type, signal.data]))
    expect(types.get('answer')?.sdp).toBe('v=0 answer')
    expect(types.get('ice_candidate')?.candidate).toEqual(candidate)

    // Answered questions only. `score` is read for the toast: present, null until graded (D12).
    const [mcq, coding] = test.questions as Json[]
    const submitted = read('POST /submit-test/{token}', await api.post(`/submit-test/${token}`, {
      answers: [{ question_id: mcq.id, answer: '404' }, { question_id: coding.id, answer: 'const reverse = (s) => [...s].reverse().join(\'\')' }]
    }), { message: 'string', submission_id: 'string', scoring_status: 'string', needs_manual_review: 'boolean', score: 'number|null' })
    submissionId = submitted.submission_id
    // The page's last call, with no credentials. Signaling hears of the submit through an event, so the
    // invite may still be in progress there or already completed; either way the call is 200 (on a
    // completed invite an anonymous end-session is an idempotent no-op beyond ending an open session).
    read('POST /webrtc/end-session/{inviteId}', await api.post(`/webrtc/end-session/${inviteId}`), { status: 'string', invite_id: 'string' })
    // The admin's monitoring page ends it the same way, with its token.
    read('POST /webrtc/end-session/{id} (admin)', await api.post(`/webrtc/end-session/${inviteId}`, undefined, adminToken), { status: 'string', invite_id: 'string' })
  })

  it('AdminDashboard.js, results: the page of results and one result in detail', async () => {
    // Grading hears of the submit and of the proctoring from two services' events, in either order.
    const page = await waitFor('the submission to be graded and known as monitored', async () => {
      const reply = await api.get(`/results?page=1&limit=10&test_id=${test.id as string}`, adminToken)
      return reply.body?.results?.length === 1 && reply.body.results[0].is_monitored === true ? reply : undefined
    })
    const results = read('GET /results', page, {
      results: [{ submission_id: 'string', applicant_name: 'string', test_title: 'string', submitted_at: 'iso', score: 'number|null', scoring_status: 'string' }],
      pagination: { page: 'number', total_pages: 'number', total: 'number' }
    })
    expect(results.results[0].submission_id).toBe(submissionId)
    // With the dashboard's date range: from today to today.
    read('GET /results with dates', await api.get(`/results?page=1&limit=10&start_date=${today()}&end_date=${today()}`, adminToken), { results: [{ submission_id: 'string' }] })
    const detail = read('GET /results/{sid}', await api.get(`/results/${submissionId}`, adminToken), { score: 'number|null', is_monitored: 'boolean', test_title: 'string', test_duration_minutes: 'number', started_at: 'iso', submitted_at: 'iso', answers: [{ question: 'string', question_type: 'string', answer: 'string', correct_answer: 'string|null', points: 'number' }] })
    expect(detail.is_monitored).toBe(true)
  })

  it('AdminDashboard.js, notifications: list, unread count, mark read, clear all', async () => {
    const listed = await waitFor('the test_started notification', async () => {
      const reply = await api.get('/admin/notifications', adminToken)
      return (reply.body?.notifications as Json[] | undefined)?.some((row) => row.data?.invite_id === taken.id) === true ? reply : undefined
    })
    const notifications = read('GET /admin/notifications', listed, {
      notifications: [{ id: 'string', type: 'string', message: 'string', is_read: 'boolean', created_at: 'iso', data: 'object' }]
    }).notifications as Json[]
    const started = notifications.find((row) => row.type === 'test_started' && row.data.invite_id === taken.id)
    expectShape('GET /admin/notifications (test_started)', started, { data: { invite_id: 'string', applicant_email: 'string' } })
    const unread = read('GET /admin/notifications/unread-count', await api.get('/admin/notifications/unread-count', adminToken), { unread_count: 'number' })
    expect(unread.unread_count).toBeGreaterThan(0)
    read('POST /admin/notifications/{id}/mark-read', await api.post(`/admin/notifications/${started.id as string}/mark-read`, undefined, adminToken), MESSAGE)
    expect((await api.get('/admin/notifications/unread-count', adminToken)).body.unread_count).toBe(unread.unread_count - 1)
    read('DELETE /admin/notifications/clear-all', await api.delete('/admin/notifications/clear-all', adminToken), MESSAGE)
    expect((await api.get('/admin/notifications/unread-count', adminToken)).body.unread_count).toBe(0)
  })

  it('AdminDashboard.js, scoring: the queue, one submission, scoring an answer; AI review is out of this version', async () => {
    const queue = read('GET /admin/scoring-queue', await api.get('/admin/scoring-queue', adminToken), {
      submissions: [{ submission_id: 'string', applicant_email: 'string', test_title: 'string', submitted_at: 'iso', manual_questions: 'number', pending_reviews: 'number', scoring_status: 'string' }]
    })
    expect((queue.submissions as Json[]).map((row) => row.submission_id)).toContain(submissionId)
    const scoring = read('GET /admin/scoring/{sid}', await api.get(`/admin/scoring/${submissionId}`, adminToken), {
      submission: { id: 'string', applicant_email: 'string', test_title: 'string', submitted_at: 'iso', auto_score: 'number|null', manual_score: 'number|null', final_score: 'number|null', scoring_status: 'string' },
      answers: [{ id: 'string', question_id: 'string', question: 'string', question_type: 'string', points: 'number', answer: 'string', manual_score: 'number|null', manual_score_status: 'string|null', review_comments: 'string|null', reviewed_at: 'iso|null' }]
    })
    const coding = (scoring.answers as Json[]).find((answer) => answer.question_type === 'coding')
    // The UI sends the full points for "correct".
    read('POST /admin/scoring/{sid}/answer/{aid}', await api.post(`/admin/scoring/${submissionId}/answer/${coding.id as string}`, { score_status: 'correct', manual_score: coding.points, comments: 'Neat' }, adminToken), MESSAGE)
    // Out of this version (API.md, after D18): 501 with a detail.
    read('POST /admin/auto-review/{sid}', await api.post(`/admin/auto-review/${submissionId}`, { geminiApiKey: 'key' }, adminToken), ERROR, 501)
  })

  it('ApplicantDashboard.js: my submissions, joined to my invites on invite_id', async () => {
    const submissions = await waitFor('the review to reach the applicant\'s list', async () => {
      const reply = await api.get('/my-submissions', applicantToken)
      return reply.body?.[0]?.manual_score === 3 ? reply : undefined
    })
    const rows = read('GET /my-submissions', submissions, [{
      id: 'string', invite_id: 'string', final_score: 'number|null', auto_score: 'number|null', manual_score: 'number|null', scoring_status: 'string', submitted_at: 'iso'
    }]) as Json[]
    expect(rows.map((row) => row.invite_id)).toEqual([taken.id])
  })

  it('AdminDashboard.js, applicants: list, deactivate and reactivate, delete', async () => {
    const list = read('GET /admin/applicants', await api.get('/admin/applicants', adminToken), [{ id: 'string', email: 'string', full_name: 'string', created_at: 'iso', is_active: 'boolean' }]) as Json[]
    const cora = list.find((row) => row.email === applicant.email)
    read('PUT /admin/applicants/{id}/status', await api.put(`/admin/applicants/${cora.id as string}/status`, { status: 'inactive' }, adminToken), MESSAGE)
    read('PUT /admin/applicants/{id}/status (back)', await api.put(`/admin/applicants/${cora.id as string}/status`, { status: 'active' }, adminToken), MESSAGE)
    const leaving = read('POST /auth/register (to delete)', await api.post('/auth/register', { email: `leaving-${unique}@example.com`, password, full_name: 'Lee Leaving', role: 'applicant' }), USER)
    const deleted = read('DELETE /admin/applicants/{id}', await api.delete(`/admin/applicants/${leaving.id as string}`, adminToken), { message: 'string', deleted_invites_count: 'number', applicant_email: 'string' })
    expect(deleted.deleted_invites_count).toBe(0)
  })

  it('AdminDashboard.js, settings: e-mail settings in camelCase with a test mail, and the theme', async () => {
    read('GET /admin/email-settings', await api.get('/admin/email-settings', adminToken), { smtpHost: 'string', smtpPort: 'number', smtpUser: 'string', smtpPassword: 'string', fromEmail: 'string', fromName: 'string' })
    // With nothing saved the global SMTP (the suite's catcher) sends it (D14).
    read('POST /admin/email-settings/test', await api.post('/admin/email-settings/test', { email: applicant.email }, adminToken), MESSAGE)
    const settings = { smtpHost: 'smtp.example.com', smtpPort: 587, smtpUser: 'mailer', smtpPassword: 'app-password', fromEmail: 'hr@example.com', fromName: 'HR Team' }
    read('PUT /admin/email-settings', await api.put('/admin/email-settings', settings, adminToken), MESSAGE)
    // The saved password never comes back (D14).
    expect((await api.get('/admin/email-settings', adminToken)).body).toEqual({ ...settings, smtpPassword: '********' })
    // Empty again, so nothing of this deputy's would try smtp.example.com.
    expect((await api.put('/admin/email-settings', { smtpHost: '', smtpUser: '', smtpPassword: '', fromEmail: '' }, adminToken)).status).toBe(200)

    const theme = read('GET /admin/theme-settings', await api.get('/admin/theme-settings', adminToken), { themeName: 'string', customColors: 'object' })
    expect(theme.themeName).toBe('classic')
    const saved = { themeName: 'custom', customColors: { primary: '#1e40af', secondary: '#f59e0b' } }
    read('PUT /admin/theme-settings', await api.put('/admin/theme-settings', saved, adminToken), MESSAGE)
    // customColors comes back as an object, not the original's JSON string (D14).
    expect((await api.get('/admin/theme-settings', adminToken)).body).toEqual(saved)
  })

  it('AdminDashboard.js, superadmin: first admin, list, create, change a password, delete', async () => {
    const first = read('GET /admin/is-first-admin', await api.get('/admin/is-first-admin', superToken), { is_first_admin: 'boolean', first_admin: { id: 'string', email: 'string', full_name: 'string', created_at: 'iso' } })
    expect(first.is_first_admin).toBe(true)
    expect(read('GET /admin/is-first-admin (deputy)', await api.get('/admin/is-first-admin', adminToken), { is_first_admin: 'boolean' }).is_first_admin).toBe(false)
    const created = read('POST /admin/create-admin', await api.post('/admin/create-admin', { email: `temp-admin-${unique}@example.com`, password, full_name: 'Tim Temp' }, superToken), {
      message: 'string', admin: { id: 'string', email: 'string', full_name: 'string', role: 'string' }
    })
    const admins = read('GET /admin/list-admins', await api.get('/admin/list-admins', superToken), [{ id: 'string', email: 'string', full_name: 'string', created_at: 'iso', is_active: 'boolean', is_first_admin: 'boolean' }]) as Json[]
    expect(admins.map((row) => row.id)).toContain(created.admin.id)
    read('PUT /admin/change-password/{id}', await api.put(`/admin/change-password/${created.admin.id as string}`, { new_password: 'another long passphrase' }, superToken), MESSAGE)
    read('PUT /admin/change-password/{id} too short', await api.put(`/admin/change-password/${created.admin.id as string}`, { new_password: 'short' }, superToken), ERROR, 422)
    read('DELETE /admin/delete-admin/{id}', await api.delete(`/admin/delete-admin/${created.admin.id as string}`, superToken), MESSAGE)
    read('POST /admin/create-admin by a non-superadmin', await api.post('/admin/create-admin', { email: `nope-${unique}@example.com`, password, full_name: 'Nope' }, adminToken), ERROR, 403)
  })
})
