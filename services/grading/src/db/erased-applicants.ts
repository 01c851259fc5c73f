import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import { erasedApplicants } from './schema.js'

/** How an erased address is remembered: SHA-256 of the trimmed, lower-cased address, in hex. */
export const emailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex')

/** Remembers that an applicant's data was erased at `erasedAt` (the latest erasure wins). */
export async function recordErasedApplicant (db: Executor, email: string, erasedAt: Date): Promise<void> {
  await db.insert(erasedApplicants).values({ emailHash: emailHash(email), erasedAt })
    .onConflictDoUpdate({ target: erasedApplicants.emailHash, set: { erasedAt: sql`greatest(${erasedApplicants.erasedAt}, excluded.erased_at)` } })
}
