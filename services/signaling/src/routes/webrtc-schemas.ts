import { Type } from 'typebox'

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const InviteIdField = Type.String({ pattern: UUID })

/**
 * POST /webrtc/offer and /answer (API.md 2.8): `type`, `sdp` and `invite_id` are required, any other
 * key is kept in the stored signal's data, as the original does.
 */
export const DescriptionBody = Type.Object({ type: Type.String(), sdp: Type.String(), invite_id: InviteIdField })

/** POST /webrtc/ice-candidate: `candidate` (usually an RTCIceCandidateInit object) and `invite_id`. */
export const CandidateBody = Type.Object({ candidate: Type.Unknown(), invite_id: InviteIdField })

// Checked in the handler: start-session answers a malformed id with its own 400, the rest with 404 (D2).
export const InviteParams = Type.Object({ invite_id: Type.String() })

/** `since`: the id of the last signal the caller has; a malformed one is 422 (D2). */
export const SignalsQuery = Type.Object({ since: Type.Optional(Type.String({ pattern: UUID })) })

const Side = Type.Union([Type.Literal('applicant'), Type.Literal('admin')])

export const SignalList = Type.Object({
  signals: Type.Array(Type.Object({
    id: Type.String(),
    type: Type.Union([Type.Literal('offer'), Type.Literal('answer'), Type.Literal('ice_candidate')]),
    data: Type.Unknown(),
    created_at: Type.String(),
    /** D15: who sent it. */
    from: Side
  })),
  session_status: Type.String(),
  session_created_at: Type.Union([Type.String(), Type.Null()])
})

export const OfferSent = Type.Object({ offer_id: Type.String(), status: Type.Literal('offer_sent') })
export const AnswerSent = Type.Object({ answer_id: Type.String(), status: Type.Literal('answer_sent') })
export const CandidateSent = Type.Object({ candidate_id: Type.String(), status: Type.Literal('candidate_sent') })
export const SessionStarted = Type.Object({ status: Type.Literal('session_initialized'), invite_id: Type.String() })
export const SessionEnded = Type.Object({ status: Type.Literal('session_ended'), invite_id: Type.String() })
