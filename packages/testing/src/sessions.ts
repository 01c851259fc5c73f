import { createApiClient, ok, type ApiClient } from '@repo/client'

/** An invite an applicant holds: its id and the link's token. */
export type Session = { inviteId: string, token: string }

// POST /api/invites/bulk takes at most this many applicants a call.
const BULK_LIMIT = 500

/** Runs `work` over `items` with at most `concurrency` at once; answers the results in input order. */
export async function inParallel<T, R> (items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/**
 * `count` applicants invited to a test in bulk through the API (`admin`: an admin's client), each with
 * an e-mail of its own (`<label>-<n>@example.com`), so pools made with different labels never meet.
 */
export async function inviteInBulk (admin: ApiClient, testId: string, count: number, label: string): Promise<Session[]> {
  const sessions: Session[] = []
  for (let first = 0; first < count; first += BULK_LIMIT) {
    const applicants = Array.from({ length: Math.min(BULK_LIMIT, count - first) }, (_, offset) => ({ applicant_email: `${label}-${first + offset}@example.com`, applicant_name: `Applicant ${label} ${first + offset}` }))
    const bulk = await ok(admin.POST('/api/invites/bulk', { body: { test_id: testId, applicants } }))
    for (const result of bulk.results) {
      if (result.status !== 'created') throw new Error(`inviting ${result.applicant_email} failed: ${JSON.stringify(result.error)}`)
      sessions.push({ inviteId: result.invite.id, token: result.invite.invite_token })
    }
  }
  return sessions
}

/** Starts every session (POST /api/start-test/{token} through the gateway at `gatewayUrl`), a few at a time. */
export async function startSessions (gatewayUrl: string, sessions: readonly Session[]): Promise<void> {
  const anonymous = createApiClient(gatewayUrl)
  await inParallel(sessions, 8, async (session) => await ok(anonymous.POST('/api/start-test/{token}', { params: { path: { token: session.token } } })))
}
