import { lt, sql } from 'drizzle-orm'
import type { IdentityQueryable } from './database.js'
import { rateLimitWindows } from './schema.js'

export type WindowCount = { hits: number, retryAfterSeconds: number }

function windowOf (windowSeconds: number, now: number): { start: Date, retryAfterSeconds: number } {
  const size = windowSeconds * 1000
  const start = Math.floor(now / size) * size
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + size - now) / 1000)) }
}

/**
 * Counts one hit in the key's current fixed window and returns the new total. One upsert, atomic in
 * Postgres, so replicas share the count.
 */
export async function hit (db: IdentityQueryable, key: string, windowSeconds: number, now = Date.now()): Promise<WindowCount> {
  const window = windowOf(windowSeconds, now)
  const [row] = await db.insert(rateLimitWindows).values({ key, windowStart: window.start, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { hits: sql`${rateLimitWindows.hits} + 1` } })
    .returning({ hits: rateLimitWindows.hits })
  return { hits: row?.hits ?? 1, retryAfterSeconds: window.retryAfterSeconds }
}

/** The key's count in its current window, without adding to it. */
export async function peek (db: IdentityQueryable, key: string, windowSeconds: number, now = Date.now()): Promise<WindowCount> {
  const window = windowOf(windowSeconds, now)
  const rows = await db.select({ hits: rateLimitWindows.hits }).from(rateLimitWindows)
    .where(sql`${rateLimitWindows.key} = ${key} AND ${rateLimitWindows.windowStart} = ${window.start}`)
  return { hits: rows[0]?.hits ?? 0, retryAfterSeconds: window.retryAfterSeconds }
}

/** Drops windows that ended long ago; returns how many. */
export async function pruneWindows (db: IdentityQueryable, olderThan: Date): Promise<number> {
  const deleted = await db.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, olderThan)).returning({ key: rateLimitWindows.key })
  return deleted.length
}
