/** What a room socket may send (D16); everything is relayed to the other side, never echoed. */
export const ROOM_MESSAGE_TYPES = ['offer', 'answer', 'ice_candidate', 'bye'] as const
export type RoomMessageType = typeof ROOM_MESSAGE_TYPES[number]
export type RoomMessage = Record<string, unknown> & { type: RoomMessageType }

/**
 * Close codes of the rooms: 4000 + the HTTP status that means the same, so clients can reuse their
 * HTTP handling. Close reasons are at most 123 bytes (RFC 6455), so they stay short and fixed.
 */
export const CloseCodes = {
  /** Binary frame, malformed JSON, not an object, unknown type, or a type without its field. */
  malformed: 4400,
  /** No `?token=`, a bad one, or (checked at each heartbeat) one that has since expired or been revoked. */
  unauthenticated: 4401,
  /** Another applicant's access token, another invite's token, or (notifications) not an admin. */
  forbidden: 4403,
  /** An unknown or malformed invite id. */
  notFound: 4404,
  /** A newer applicant socket joined the room, on this replica or another. */
  replaced: 4409,
  /** A message over WS_MAX_MESSAGE_BYTES. */
  tooLarge: 4413,
  /** More than WS_RATE_LIMIT_PER_SECOND messages in a second. */
  rateLimited: 4429,
  internal: 1011,
  /** Identity's keys are out of reach: retry shortly. */
  tryAgainLater: 1013,
  /** The service is shutting down. */
  goingAway: 1001
} as const

export type Refusal = { code: number, reason: string }

/** Checks one frame's content: JSON text, an object, a known type, and the fields that type needs. */
export function parseRoomMessage (data: Buffer, isBinary: boolean, maxBytes: number): { message: RoomMessage } | { refusal: Refusal } {
  if (data.length > maxBytes) return { refusal: { code: CloseCodes.tooLarge, reason: `Message too large (max ${maxBytes} bytes)` } }
  if (isBinary) return { refusal: { code: CloseCodes.malformed, reason: 'Messages must be JSON text' } }
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString('utf8'))
  } catch {
    return { refusal: { code: CloseCodes.malformed, reason: 'Malformed JSON' } }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { refusal: { code: CloseCodes.malformed, reason: 'A message must be a JSON object' } }
  const message = parsed as Record<string, unknown>
  const type = message.type
  if (typeof type !== 'string' || !(ROOM_MESSAGE_TYPES as readonly string[]).includes(type)) {
    return { refusal: { code: CloseCodes.malformed, reason: 'Unknown message type (offer, answer, ice_candidate or bye)' } }
  }
  if ((type === 'offer' || type === 'answer') && typeof message.sdp !== 'string') return { refusal: { code: CloseCodes.malformed, reason: `An ${type} needs a string sdp` } }
  if (type === 'ice_candidate' && message.candidate === undefined) return { refusal: { code: CloseCodes.malformed, reason: 'An ice_candidate needs a candidate' } }
  return { message: message as RoomMessage }
}
