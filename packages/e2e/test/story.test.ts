import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApiClient, ok, type ApiClient, type paths } from '@repo/client'
import { openPeer, waitFor, type PeerMessage, type WsPeer } from '@repo/testing'
import { readCaughtMail, type CaughtMail } from '../src/mail-catcher.js'
import { startStoryStack, type StoryStack } from '../src/story-stack.js'
import { throttled } from '../src/throttled-probe.js'

// Issue 8, the whole story in order, on a stack of its own that starts empty (no superadmin, the
// gateway's default rate limits): the first admin signs up and writes a test, invites an applicant by
// e-mail, the applicant takes it under proctoring (HTTP mailbox and WebSocket room), grading scores it
// and the admin reviews the essay, and deleting the applicant then erases them from every service.
// Everything goes through the gateway with the typed client (@repo/client), as a client would; raw
// statuses are read from `response` where a refusal is the point. The steps share state, in order.
// Steps 5 to 8 are the "takes the test" and "proctoring": proctoring runs between start and
// submit, as in the original frontend, so the submission ends up monitored. Polls are throttled
// (src/throttled-probe.ts) because this stack keeps the default limits of 600 requests a minute.

type CreatedTest = paths['/api/tests']['post']['responses'][200]['content']['application/json']
type Question = CreatedTest['questions'][number]

const unique = Date.now().toString(36)
const admin = { email: `first-admin-${unique}@example.com`, password: 'correct horse battery', full_name: 'Fay First' }
// Mixed case on purpose: every service matches the applicant's e-mail case-insensitively.
const applicant = { email: `Applicant-${unique}@Example.com`, password: 'staple battery horse', full_name: 'Abe Applicant' }
const title = `Platform screening ${unique}`

/** Every error body the platform sends: the original's `detail` plus a stable `code` (D3). */
const errorEnvelope = (code: string) => ({ detail: expect.any(String), code })

/** The messages caught for one recipient, compared case-insensitively as mail servers do. */
async function mailTo (folder: string, address: string): Promise<CaughtMail[]> {
  return (await readCaughtMail(folder)).filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()))
}

/** The question of a type, by its position among the questions of that type. */
function questionOf (test: CreatedTest, type: Question['type'], nth = 0): Question {
  const question = test.questions.filter((candidate) => candidate.type === type)[nth]
  if (question === undefined) throw new Error(`the test has no ${type} question #${nth}`)
  return question
}

/** Nothing an applicant can reach ever carries an answer key (D4). */
function expectNoAnswerKeys (body: unknown): void {
  expect(JSON.stringify(body)).not.toMatch(/correct_?answer/i)
}

describe('issue 8: from the first admin to an erased applicant', () => {
  let stack: StoryStack
  let anonymous: ApiClient
  let adminToken: string
  let adminApi: ApiClient
  let applicantId: string
  let applicantApi: ApiClient
  let test: CreatedTest
  let inviteId: string
  /** The invite token as the applicant knows it: read from the e-mail. */
  let inviteToken: string
  let submissionId: string
  let notifications: WsPeer | undefined

  const wsUrl = (path: string) => `${stack.gatewayUrl.replace(/^http/, 'ws')}${path}`
  const roomUrl = (token: string) => wsUrl(`/api/ws/signaling/${inviteId}?token=${encodeURIComponent(token)}`)
  const tokenPath = () => ({ params: { path: { token: inviteToken } } })

  beforeAll(async () => {
    stack = await startStoryStack(inject('prodBuild'))
    anonymous = createApiClient(stack.gatewayUrl)
  })

  afterAll(async () => {
    notifications?.socket.close()
    await stack?.stop()
  })

  it('1. the first admin signs up (then no one else can sign up as admin) and logs in', async () => {
    const restriction = async () => await ok(anonymous.GET('/api/admin/check-signup-restriction'))
    expect(await restriction()).toEqual({ admin_exists: false, allow_admin_signup: true })

    const registered = await ok(anonymous.POST('/api/auth/register', { body: { ...admin, role: 'admin' } }))
    expect(registered).toMatchObject({ email: admin.email, full_name: admin.full_name, role: 'admin', is_active: true })
    expect(await restriction()).toEqual({ admin_exists: true, allow_admin_signup: false })
    const second = await anonymous.POST('/api/auth/register', { body: { email: `second-admin-${unique}@example.com`, password: 'another long one', full_name: 'Sid Second', role: 'admin' } })
    expect(second.response.status).toBe(403)
    expect(second.error).toMatchObject({ detail: expect.any(String), code: expect.stringMatching(/^IDENTITY_/) })

    const login = await ok(anonymous.POST('/api/auth/login', { body: { email: admin.email, password: admin.password } }))
    expect(login).toMatchObject({ token_type: 'bearer', user: { id: registered.id, role: 'admin' } })
    adminToken = login.access_token
    adminApi = createApiClient(stack.gatewayUrl, { token: adminToken })
  })

  it('2. the admin writes a test with multiple-choice and essay questions', async () => {
    test = await ok(adminApi.POST('/api/tests', {
      body: {
        title,
        description: 'Screening for the platform team',
        duration_minutes: 30,
        questions: [
          { type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 2 },
          { type: 'multiple_choice', question: 'Which of these is a message broker?', options: ['NATS', 'Postgres'], correct_answer: 'NATS', points: 1 },
          { type: 'essay', question: 'Describe a migration you would not run on a Friday', points: 2 }
        ]
      }
    }))
    expect(test).toMatchObject({ title, duration_minutes: 30, is_active: true, version: 1 })
    expect(test.questions.map((question) => [question.type, question.correct_answer, question.points])).toEqual([
      ['multiple_choice', '5432', 2], ['multiple_choice', 'NATS', 1], ['essay', null, 2]
    ])
    expect((await ok(adminApi.GET('/api/tests/{id}', { params: { path: { id: test.id } } }))).questions).toHaveLength(3)
  })

  it('3. the admin invites the applicant; the invitation arrives by SMTP with the link to the test', async () => {
    const invite = await ok(adminApi.POST('/api/invites', { body: { test_id: test.id, applicant_email: applicant.email, applicant_name: applicant.full_name } }))
    expect(invite).toMatchObject({ test_id: test.id, applicant_email: applicant.email, status: 'sent' })
    inviteId = invite.id

    const [mail, ...more] = await waitFor('the invitation e-mail', async () => {
      const caught = await mailTo(stack.mailFolder, applicant.email)
      return caught.length > 0 ? caught : undefined
    })
    expect(more).toEqual([])
    expect(mail?.to.map((to) => to.toLowerCase())).toEqual([applicant.email.toLowerCase()])
    expect(mail?.subject).toBe(`Test Invitation: ${title}`)
    const linkPattern = new RegExp(`${stack.frontendDomain.replace(/[.]/g, '\\.')}/test-invite/([A-Za-z0-9_-]+)`)
    const link = linkPattern.exec(mail?.text ?? '')
    expect(link, mail?.text).not.toBeNull()
    expect(mail?.html).toContain(link?.[0])
    // The applicant has only the mail: from here on the token is the one it carries.
    inviteToken = link?.[1] ?? ''
    expect(inviteToken).toBe(invite.invite_token)

    // The admin sees the mail went out (the invite is marked once the SMTP server has accepted it).
    await waitFor('the invite to be marked as e-mailed', throttled(async () => {
      const listed = await ok(adminApi.GET('/api/invites', { params: { query: { email_search: applicant.email } } }))
      return listed.find((row) => row.id === inviteId && row.email_sent)
    }))
  })

  it('4. the applicant signs up, opens the link, picks a slot and sees it among their invites', async () => {
    const registered = await ok(anonymous.POST('/api/auth/register', { body: applicant }))
    expect(registered).toMatchObject({ role: 'applicant', full_name: applicant.full_name })
    applicantId = registered.id
    const login = await ok(anonymous.POST('/api/auth/login', { body: { email: applicant.email, password: applicant.password } }))
    applicantApi = createApiClient(stack.gatewayUrl, { token: login.access_token })

    const opened = await ok(anonymous.GET('/api/invites/token/{token}', tokenPath()))
    expect(opened.invite).toMatchObject({ id: inviteId, status: 'sent' })
    expect(opened.test).toMatchObject({ id: test.id, title, duration_minutes: 30 })
    expectNoAnswerKeys(opened)

    // A slot a few minutes ahead: the server wants a future date, and the take window (±30 min) is open now.
    const slot = new Date(Date.now() + 5 * 60_000)
    expect(await ok(anonymous.POST('/api/invites/token/{token}/schedule', { ...tokenPath(), body: { scheduled_date: slot.toISOString() } })))
      .toEqual({ message: 'Test scheduled successfully' })

    const mine = await ok(applicantApi.GET('/api/my-invites'))
    expect(mine).toEqual([expect.objectContaining({ id: inviteId, status: 'scheduled', test_title: title, test_duration_minutes: 30 })])
    expect(Date.parse(mine[0]?.scheduled_date ?? '')).toBe(slot.getTime())
    expectNoAnswerKeys(mine)
  })

  it('5. the applicant opens the test (without answer keys) and starts it; the admin is told live', async () => {
    // The admin's dashboard listens before the applicant starts (D16).
    notifications = await openPeer(wsUrl(`/api/ws/notifications?token=${encodeURIComponent(adminToken)}`))
    await notifications.take('ready')

    const taking = await ok(anonymous.GET('/api/take-test/{token}', tokenPath()))
    expect(taking.invite).toMatchObject({ id: inviteId, status: 'scheduled', started_at: null })
    expect(taking.test.questions.map((question) => question.id)).toEqual(test.questions.map((question) => question.id))
    expectNoAnswerKeys(taking)

    expect(await ok(anonymous.POST('/api/start-test/{token}', tokenPath()))).toEqual({ message: 'Test started successfully', status: 'in_progress' })
    const pushed = await waitFor('the test_started notification', () => notificationAbout(notifications, 'test_started'))
    expect(pushed).toMatchObject({ type: 'test_started', is_read: false, data: { invite_id: inviteId, test_id: test.id } })
  })

  it('6. proctoring over the HTTP mailbox: the applicant offers, the admin answers, both send ICE candidates', async () => {
    const invite = { params: { path: { invite_id: inviteId } } }
    // Signaling learns that the invite is in progress from invitation's events.
    const session = await waitFor('signaling to know the invite is in progress', throttled(async () =>
      (await applicantApi.POST('/api/webrtc/start-session/{invite_id}', invite)).data))
    expect(session).toEqual({ status: 'session_initialized', invite_id: inviteId })

    expect(await ok(applicantApi.POST('/api/webrtc/offer', { body: { type: 'offer', sdp: 'v=0 applicant offer', invite_id: inviteId } })))
      .toMatchObject({ status: 'offer_sent' })
    await ok(applicantApi.POST('/api/webrtc/ice-candidate', { body: { candidate: { candidate: 'candidate:1 applicant', sdpMid: '0' }, invite_id: inviteId } }))

    const forAdmin = await ok(adminApi.GET('/api/webrtc/signals/{invite_id}', invite))
    expect(forAdmin.signals.map((signal) => [signal.type, signal.from])).toEqual([['offer', 'applicant'], ['ice_candidate', 'applicant']])
    expect(forAdmin.signals[0]?.data).toMatchObject({ sdp: 'v=0 applicant offer' })

    expect(await ok(adminApi.POST('/api/webrtc/answer', { body: { type: 'answer', sdp: 'v=0 admin answer', invite_id: inviteId } })))
      .toMatchObject({ status: 'answer_sent' })
    await ok(adminApi.POST('/api/webrtc/ice-candidate', { body: { candidate: { candidate: 'candidate:2 admin', sdpMid: '0' }, invite_id: inviteId } }))

    // The applicant's side reads only what the admin's side sent, and can poll from the last one seen.
    const forApplicant = await ok(applicantApi.GET('/api/webrtc/signals/{invite_id}', invite))
    expect(forApplicant.session_status).toBe('connected')
    expect(forApplicant.signals.map((signal) => [signal.type, signal.from])).toEqual([['answer', 'admin'], ['ice_candidate', 'admin']])
    expect(forApplicant.signals[0]?.data).toMatchObject({ sdp: 'v=0 admin answer' })
    const lastSeen = forApplicant.signals.at(-1)?.id ?? ''
    expect((await ok(applicantApi.GET('/api/webrtc/signals/{invite_id}', { params: { ...invite.params, query: { since: lastSeen } } }))).signals).toEqual([])
  })

  it('7. proctoring over a WebSocket room: offer, answer and ICE candidates relayed both ways', async () => {
    // The applicant's page holds the invite token; the admin's monitoring view its access token.
    const applicantPeer = await openPeer(roomUrl(inviteToken))
    expect(await applicantPeer.take('joined')).toEqual({ type: 'joined', role: 'applicant', invite_id: inviteId })
    const adminPeer = await openPeer(roomUrl(adminToken))
    expect(await adminPeer.take('joined')).toEqual({ type: 'joined', role: 'admin', invite_id: inviteId })
    expect(await applicantPeer.take('peer_joined')).toEqual({ type: 'peer_joined', role: 'admin' })

    applicantPeer.send({ type: 'offer', sdp: 'v=0 room offer' })
    expect(await adminPeer.take('offer')).toEqual({ type: 'offer', sdp: 'v=0 room offer', from: 'applicant' })
    adminPeer.send({ type: 'answer', sdp: 'v=0 room answer' })
    expect(await applicantPeer.take('answer')).toEqual({ type: 'answer', sdp: 'v=0 room answer', from: 'admin' })
    applicantPeer.send({ type: 'ice_candidate', candidate: { candidate: 'candidate:3 applicant' } })
    expect(await adminPeer.take('ice_candidate')).toMatchObject({ from: 'applicant', candidate: { candidate: 'candidate:3 applicant' } })
    adminPeer.send({ type: 'ice_candidate', candidate: { candidate: 'candidate:4 admin' } })
    expect(await applicantPeer.take('ice_candidate')).toMatchObject({ from: 'admin', candidate: { candidate: 'candidate:4 admin' } })

    // The admin hangs up; nothing was ever echoed back to its sender.
    adminPeer.send({ type: 'bye' })
    expect(await applicantPeer.take('bye')).toMatchObject({ type: 'bye', from: 'admin' })
    adminPeer.socket.close()
    expect(await applicantPeer.take('peer_left')).toEqual({ type: 'peer_left', role: 'admin' })
    expect([...applicantPeer.received, ...adminPeer.received]).toEqual([])
    applicantPeer.socket.close()
    await Promise.all([applicantPeer.closed, adminPeer.closed])
  })

  it('8. the applicant autosaves, gets the saved answers back on reload, and submits', async () => {
    const [port, broker, essay] = [questionOf(test, 'multiple_choice', 0), questionOf(test, 'multiple_choice', 1), questionOf(test, 'essay')]
    const save = async (answers: { question_id: string, answer: string }[]) =>
      await ok(anonymous.PUT('/api/take-test/{token}/answers', { ...tokenPath(), body: { answers } }))
    expect((await save([{ question_id: port.id, answer: '5432' }, { question_id: essay.id, answer: 'A draft' }])).saved_at).toEqual(expect.any(String))
    // Saves merge: a later one adds answers and replaces earlier ones.
    await save([{ question_id: broker.id, answer: 'Postgres' }, { question_id: essay.id, answer: 'Dropping a column: rollbacks are slow.' }])
    const expected = [
      { question_id: port.id, answer: '5432' },
      { question_id: broker.id, answer: 'Postgres' },
      { question_id: essay.id, answer: 'Dropping a column: rollbacks are slow.' }
    ]

    const reloaded = await ok(anonymous.GET('/api/take-test/{token}', tokenPath()))
    expect(reloaded.invite.status).toBe('in_progress')
    expect(reloaded.remaining_time_seconds).toBeGreaterThan(29 * 60)
    expect(reloaded.remaining_time_seconds).toBeLessThanOrEqual(30 * 60)
    expect(reloaded.deadline).toEqual(expect.any(String))
    expect(reloaded.saved_answers?.map(({ question_id: questionId, answer }) => ({ question_id: questionId, answer })))
      .toEqual(expect.arrayContaining(expected))
    expect(reloaded.saved_answers).toHaveLength(3)
    expectNoAnswerKeys(reloaded)

    const submitted = await ok(anonymous.POST('/api/submit-test/{token}', { ...tokenPath(), body: { answers: expected } }))
    // Graded asynchronously (D12): the scores are null here and appear in the results.
    expect(submitted).toEqual({
      message: 'Test submitted successfully',
      submission_id: expect.any(String),
      scoring_status: 'pending',
      needs_manual_review: true,
      score: null,
      auto_score: null,
      final_score: null
    })
    submissionId = submitted.submission_id
  })

  it('9. the result appears graded: the automatic score for the multiple choice, the essay pending review', async () => {
    // 2 of the 3 multiple-choice points (auto 66.67); 2 of all 5 points until the essay is reviewed (D13).
    const result = await waitFor('the graded, monitored result', throttled(async () => {
      const listed = await ok(adminApi.GET('/api/results', { params: { query: { test_id: test.id } } }))
      const row = listed.results.find((candidate) => candidate.submission_id === submissionId)
      return row?.is_monitored === true ? row : undefined
    }))
    expect(result).toMatchObject({
      invite_id: inviteId,
      applicant_email: applicant.email,
      applicant_name: applicant.full_name,
      test_title: title,
      auto_score: 66.67,
      score: 40,
      final_score: 40,
      manual_score: null,
      scoring_status: 'needs_review',
      auto_submitted: false,
      is_monitored: true
    })
    const mine = await ok(applicantApi.GET('/api/my-submissions'))
    expect(mine).toEqual([expect.objectContaining({ id: submissionId, invite_id: inviteId, final_score: 40, scoring_status: 'needs_review', is_monitored: true })])
    expectNoAnswerKeys(mine)
  })

  it('10. the admin reviews the essay; the final score reaches the results and the applicant', async () => {
    const path = { params: { path: { submission_id: submissionId } } }
    const queue = await ok(adminApi.GET('/api/admin/scoring-queue'))
    expect(queue.submissions).toEqual([expect.objectContaining({ submission_id: submissionId, manual_questions: 1, pending_reviews: 1, scoring_status: 'needs_review' })])

    const review = await ok(adminApi.GET('/api/admin/scoring/{submission_id}', path))
    expect(review.answers.map((answer) => [answer.question_type, answer.answer, answer.is_correct, answer.manual_score_status])).toEqual([
      ['multiple_choice', '5432', true, null],
      ['multiple_choice', 'Postgres', false, null],
      ['essay', 'Dropping a column: rollbacks are slow.', null, 'pending']
    ])
    const essay = review.answers.find((answer) => answer.question_type === 'essay')
    const scored = await ok(adminApi.POST('/api/admin/scoring/{submission_id}/answer/{answer_id}', {
      params: { path: { submission_id: submissionId, answer_id: essay?.id ?? '' } },
      body: { score_status: 'partial', manual_score: 1, comments: 'Right idea, no plan to roll back' }
    }))
    // (2 auto points + 1 manual point) / 5 points.
    expect(scored).toMatchObject({ message: 'Answer scored successfully', scoring_status: 'fully_reviewed', manual_score: 1, final_score: 60 })

    const detail = await ok(adminApi.GET('/api/results/{submission_id}', path))
    expect(detail).toMatchObject({ score: 60, final_score: 60, auto_score: 66.67, manual_score: 1, scoring_status: 'fully_reviewed', is_monitored: true })
    expect(detail.answers.find((answer) => answer.question_type === 'essay')).toMatchObject({ manual_score: 1, manual_score_status: 'partial', review_comments: 'Right idea, no plan to roll back' })
    expect((await ok(applicantApi.GET('/api/my-submissions')))[0]).toMatchObject({ id: submissionId, final_score: 60, manual_score: 1, scoring_status: 'fully_reviewed' })
    expect((await ok(adminApi.GET('/api/admin/scoring-queue'))).submissions).toEqual([])

    // The admin was also told of the submission, live and in the list (it goes with the applicant in step 11).
    const pushed = await waitFor('the test_submitted notification', () => notificationAbout(notifications, 'test_submitted'))
    expect(pushed).toMatchObject({ data: { invite_id: inviteId, submission_id: submissionId } })
    notifications?.socket.close()
    const listed = await ok(adminApi.GET('/api/admin/notifications'))
    expect(listed.notifications.map((notification) => notification.type).sort()).toEqual(['test_started', 'test_submitted'])
  })

  it('11. deleting the applicant erases their data in every service', async () => {
    expect((await ok(adminApi.GET('/api/admin/applicants'))).map((user) => user.id)).toEqual([applicantId])
    const deleted = await ok(adminApi.DELETE('/api/admin/applicants/{id}', { params: { path: { id: applicantId } } }))
    // Counted by invitation just before the delete (D17): the applicant's one invite, which the event erases.
    expect(deleted).toEqual({ message: `Applicant '${applicant.full_name}' and all associated data deleted successfully`, deleted_invites_count: 1, applicant_email: applicant.email })

    // identity: gone at once; the tokens already issued stop working within 5 seconds (D6).
    expect(await ok(adminApi.GET('/api/admin/applicants'))).toEqual([])
    const login = await anonymous.POST('/api/auth/login', { body: { email: applicant.email, password: applicant.password } })
    expect(login.response.status).toBe(401)
    await waitFor('the applicant\'s token to be refused', throttled(async () =>
      (await applicantApi.GET('/api/auth/me')).response.status === 401 || undefined), 6_000)
    expect((await applicantApi.GET('/api/my-submissions')).response.status).toBe(401)

    // The other services erase on identity.user.deleted.v1, asynchronously.
    // invitation: the invite and its link.
    await waitFor('invitation to erase the invite', throttled(async () =>
      (await ok(adminApi.GET('/api/invites'))).every((invite) => invite.id !== inviteId) || undefined))
    const link = await anonymous.GET('/api/invites/token/{token}', tokenPath())
    expect(link.response.status).toBe(404)
    expect(link.error).toEqual(errorEnvelope('INVITATION_TOKEN_NOT_FOUND'))

    // grading: the submission, its answers and its review.
    const submission = { params: { path: { submission_id: submissionId } } }
    await waitFor('grading to erase the submission', throttled(async () =>
      (await ok(adminApi.GET('/api/results'))).pagination.total === 0 || undefined))
    const result = await adminApi.GET('/api/results/{submission_id}', submission)
    expect(result.response.status).toBe(404)
    expect(result.error).toEqual(errorEnvelope('GRADING_SUBMISSION_NOT_FOUND'))
    expect((await adminApi.GET('/api/admin/scoring/{submission_id}', submission)).response.status).toBe(404)
    expect((await ok(adminApi.GET('/api/admin/scoring-queue'))).submissions).toEqual([])

    // signaling: the invite's session and signals (its mailbox is unknown now) and the notifications naming the applicant.
    await waitFor('signaling to erase the invite\'s mailbox', throttled(async () =>
      (await adminApi.GET('/api/webrtc/signals/{invite_id}', { params: { path: { invite_id: inviteId } } })).response.status === 404 || undefined))
    expect((await ok(adminApi.GET('/api/admin/notifications'))).notifications).toEqual([])
    const room = await openPeer(roomUrl(adminToken))
    expect(await room.closed).toEqual({ code: 4404, reason: 'Invite not found' })
  })
})

/** The first notification of this type pushed to the admin's socket, as the original's dashboard reads it. */
function notificationAbout (peer: WsPeer | undefined, type: string): Record<string, unknown> | undefined {
  const pushed = peer?.received.find((message: PeerMessage) =>
    message.type === 'notification' && (message.notification as { type?: string } | undefined)?.type === type)
  return pushed?.notification as Record<string, unknown> | undefined
}
