import type { FastifyBaseLogger } from 'fastify'

export type InvitationClient = {
  /**
   * How many invites invitation holds for this e-mail, read with the admin's own `Authorization`
   * header. Null when invitation cannot say (down, too slow, a refusal, an answer that is not a count):
   * the caller goes on without the number, never fails because of it.
   */
  inviteCount: (email: string, authorization: string) => Promise<number | null>
}

export type InvitationClientOptions = { baseUrl: string, timeoutMs: number, log: FastifyBaseLogger }

function isCount (body: unknown): body is { count: number } {
  if (typeof body !== 'object' || body === null || !('count' in body)) return false
  return Number.isSafeInteger(body.count) && (body.count as number) >= 0
}

/**
 * Identity's only synchronous call (ARCHITECTURE.md): invitation's internal invite count. No event can
 * carry it in time, since the delete's own answer must hold the number (D17); the erasure itself does
 * not depend on it, so a failure here only costs the number, never the delete.
 */
export function createInvitationClient (options: InvitationClientOptions): InvitationClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  return {
    inviteCount: async (email, authorization) => {
      const url = `${base}/internal/applicants/invite-count?email=${encodeURIComponent(email)}`
      let reason: string
      try {
        const response = await fetch(url, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs) })
        if (response.status === 200) {
          const body: unknown = await response.json()
          if (isCount(body)) return body.count
          reason = 'the answer is not a count'
        } else {
          await response.body?.cancel()
          reason = `status ${response.status}`
        }
      } catch (error) {
        // Refused, reset, timed out, or not JSON.
        reason = error instanceof Error ? error.message : String(error)
      }
      options.log.warn({ reason }, 'could not read the applicant\'s invite count from invitation')
      return null
    }
  }
}
