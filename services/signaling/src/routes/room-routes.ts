import type { RawData } from 'ws'
import { AppError, type ServiceApp } from '@repo/kit'
import type { SignalingContext } from '../context.js'
import type { Member, RoomHub } from '../rooms/room-hub.js'
import { CloseCodes } from '../rooms/room-messages.js'
import { authorizeSide, type Credentials } from '../use-cases/authorize-side.js'

// Three base64url segments: an access token; anything else given as `?token=` is an invite token.
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/

function credentialsFrom (token: string): Credentials {
  return JWT_SHAPE.test(token) ? { accessToken: token } : { inviteToken: token }
}

/** The close that answers a refused join: 4000 + the HTTP status of the same refusal. */
function closeFor (error: unknown): { code: number, reason: string } {
  if (error instanceof AppError) {
    if (error.statusCode === 503) return { code: CloseCodes.tryAgainLater, reason: error.detail }
    if ([401, 403, 404].includes(error.statusCode)) return { code: 4000 + error.statusCode, reason: error.detail }
  }
  return { code: CloseCodes.internal, reason: 'Internal Server Error' }
}

/**
 * `GET /api/ws/signaling/{invite_id}?token=<access token or invite token>` (D16): the upgrade is always
 * accepted, then the join is authorised with the mailbox's D15 rules, except that a credential is
 * required (the original frontend has no WebSocket client, so nothing needs the anonymous case); every
 * refusal is a close with a code and a reason. Frames sent before the join completes wait for it.
 */
export function roomRoutes (app: ServiceApp, ctx: SignalingContext, hub: RoomHub, options: { ratePerSecond: number }): void {
  app.get('/api/ws/signaling/:invite_id', { websocket: true }, (socket, request) => {
    const { invite_id: inviteId } = request.params as { invite_id: string }
    const { token } = request.query as { token?: unknown }
    const early: { data: RawData, isBinary: boolean }[] = []
    let member: Member | undefined
    let joinedInvite: string | undefined
    let closed = false

    socket.on('message', (data, isBinary) => {
      if (member !== undefined && joinedInvite !== undefined) {
        hub.handle(joinedInvite, member, data, isBinary)
      } else if (early.length < options.ratePerSecond) {
        early.push({ data, isBinary })
      } else {
        socket.close(CloseCodes.rateLimited, 'Too many messages before the join completed')
      }
    })
    socket.on('close', () => {
      closed = true
      if (member !== undefined && joinedInvite !== undefined) hub.leave(joinedInvite, member)
    })
    socket.on('error', (error) => { request.log.warn({ err: error }, 'room socket error') })

    const join = async () => {
      if (typeof token !== 'string' || token === '') {
        socket.close(CloseCodes.unauthenticated, 'Not authenticated: pass ?token=<access token or invite token>')
        return
      }
      let side
      try {
        const authorized = await authorizeSide(ctx.db, app.verifyAccessToken, inviteId, credentialsFrom(token), { allowAnonymous: false })
        side = authorized.side
        joinedInvite = authorized.invite.inviteId
      } catch (error) {
        const close = closeFor(error)
        if (close.code === CloseCodes.internal) request.log.error({ err: error }, 'room join failed')
        else request.log.info({ code: close.code, inviteId }, `room join refused: ${close.reason}`)
        if (!closed) socket.close(close.code, close.reason)
        return
      }
      if (closed) return
      member = await hub.join(joinedInvite, side, socket, JWT_SHAPE.test(token) ? token : undefined)
      if (closed) {
        // Closed while the join was completing: the close handler did not know the member yet.
        hub.leave(joinedInvite, member)
        return
      }
      request.log.info({ inviteId: joinedInvite, side, member: member.id }, 'joined a signaling room')
      for (const frame of early.splice(0)) hub.handle(joinedInvite, member, frame.data, frame.isBinary)
    }
    join().catch((error: unknown) => {
      request.log.error({ err: error }, 'room join failed')
      if (!closed) socket.close(CloseCodes.internal, 'Internal Server Error')
    })
  })
}
