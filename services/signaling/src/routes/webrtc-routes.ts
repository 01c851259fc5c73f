import type { FastifyRequest } from 'fastify'
import { bearerTokenFrom } from '@repo/auth'
import { AppError, isUuid, type ServiceApp } from '@repo/kit'
import type { SignalingContext } from '../context.js'
import { ActiveSessionNotFound, InvalidInviteId } from '../errors.js'
import { authorizeSide, type Credentials } from '../use-cases/authorize-side.js'
import { listSignals, postSignal, type SignalType } from '../use-cases/post-signal.js'
import { endOpenSession, endSession, startSession } from '../use-cases/sessions.js'
import {
  AnswerSent, CandidateBody, CandidateSent, DescriptionBody, InviteParams, OfferSent, SessionEnded, SessionStarted, SignalList, SignalsQuery
} from './webrtc-schemas.js'

export type WebrtcRouteOptions = { signalRetentionMs: number }

/** D15: a Bearer token when an Authorization header is sent at all, and/or the `X-Invite-Token` header. */
function credentialsOf (request: FastifyRequest): Credentials {
  const authorization = request.headers.authorization
  const inviteToken = request.headers['x-invite-token']
  return {
    accessToken: authorization === undefined ? undefined : bearerTokenFrom(authorization),
    inviteToken: typeof inviteToken === 'string' && inviteToken !== '' ? inviteToken : undefined
  }
}

/**
 * The original's polling mailbox (API.md 2.8) under D15: each call is authorised as the admin side
 * (admin token) or the applicant side (the applicant's token, the invite token, or nothing while the
 * invite is in progress), and that side is the sender of what it posts, whatever the message type, so
 * both directions work (in the original frontend the applicant offers and the admin answers). Errors
 * keep their own status.
 */
export function webrtcRoutes (app: ServiceApp, ctx: SignalingContext, options: WebrtcRouteOptions): void {
  const authorize = async (request: FastifyRequest, inviteId: string) =>
    await authorizeSide(ctx.db, app.verifyAccessToken, inviteId, credentialsOf(request), { allowAnonymous: true })

  const post = async (request: FastifyRequest, type: SignalType, body: Record<string, unknown> & { invite_id: string }) => {
    const { side, invite } = await authorize(request, body.invite_id)
    return await postSignal(ctx, { inviteId: invite.inviteId, type, sender: side, data: body }, { traceId: request.id })
  }

  app.post('/api/webrtc/offer', { schema: { body: DescriptionBody, response: { 200: OfferSent } } }, async (request) => {
    return { offer_id: await post(request, 'offer', request.body), status: 'offer_sent' as const }
  })

  app.post('/api/webrtc/answer', { schema: { body: DescriptionBody, response: { 200: AnswerSent } } }, async (request) => {
    return { answer_id: await post(request, 'answer', request.body), status: 'answer_sent' as const }
  })

  app.post('/api/webrtc/ice-candidate', { schema: { body: CandidateBody, response: { 200: CandidateSent } } }, async (request) => {
    return { candidate_id: await post(request, 'ice_candidate', request.body), status: 'candidate_sent' as const }
  })

  app.get('/api/webrtc/signals/:invite_id', { schema: { params: InviteParams, querystring: SignalsQuery, response: { 200: SignalList } } }, async (request) => {
    const { side, invite } = await authorize(request, request.params.invite_id)
    return await listSignals(ctx, { inviteId: invite.inviteId, reader: side, since: request.query.since })
  })

  app.post('/api/webrtc/start-session/:invite_id', { schema: { params: InviteParams, response: { 200: SessionStarted } } }, async (request) => {
    const inviteId = request.params.invite_id
    if (!isUuid(inviteId)) throw InvalidInviteId()
    let invite
    try {
      ({ invite } = await authorize(request, inviteId))
    } catch (error) {
      // The original's text for an invite it cannot find as well as for one not in progress.
      if (error instanceof AppError && error.statusCode === 404) throw ActiveSessionNotFound()
      throw error
    }
    if (invite.status !== 'in_progress') throw ActiveSessionNotFound()
    await startSession(ctx, invite.inviteId)
    return { status: 'session_initialized' as const, invite_id: invite.inviteId }
  })

  // The original test page calls this without credentials right after its submit; signaling may already
  // have heard of the submit (the invite is completed), so that call is answered 200 as a no-op beyond
  // ending a session still open, rather than the 401 other anonymous calls get once the test is over.
  app.post('/api/webrtc/end-session/:invite_id', { schema: { params: InviteParams, response: { 200: SessionEnded } } }, async (request) => {
    const { invite, anonymous } = await authorizeSide(ctx.db, app.verifyAccessToken, request.params.invite_id, credentialsOf(request), { allowAnonymous: true, anonymousWhenCompleted: true })
    if (anonymous && invite.status !== 'in_progress') await endOpenSession(ctx, invite.inviteId)
    else await endSession(ctx, invite.inviteId, options.signalRetentionMs)
    return { status: 'session_ended' as const, invite_id: invite.inviteId }
  })
}
