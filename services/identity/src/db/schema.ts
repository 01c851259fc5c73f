import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { eventTables } from '@repo/events'

export const identity = pgSchema('identity')

export const users = identity.table('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  // Kept as the user typed it; uniqueness and look-ups go through lower(email) (D5).
  email: text('email').notNull(),
  fullName: text('full_name').notNull(),
  role: text('role', { enum: ['admin', 'applicant'] }).notNull().default('applicant'),
  passwordHash: text('password_hash').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // Unix seconds: tokens whose `iat` is earlier are revoked (deactivation, password change; D6).
  tokensValidFrom: bigint('tokens_valid_from', { mode: 'number' }).notNull().default(0)
}, (table) => [
  uniqueIndex('users_email_lower_key').on(sql`lower(${table.email})`),
  // The superadmin is the earliest admin; the applicants list is newest first.
  index('users_role_created_at_idx').on(table.role, table.createdAt),
  check('users_role_check', sql`${table.role} IN ('admin', 'applicant')`)
])

/**
 * Token signing keys. The signer is the newest key whose `active_from` has passed; a key is listed in
 * the JWKS from its insertion (before it signs) until every token it signed has expired.
 */
export const signingKeys = identity.table('signing_keys', {
  kid: text('kid').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  // PKCS#8 PEM; null for a key that comes from configuration (JWT_PRIVATE_KEY), which is never stored.
  privateKey: text('private_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  activeFrom: timestamp('active_from', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('signing_keys_active_from_idx').on(table.activeFrom)])

/** Theme preferences, one row per admin. */
export const themeSettings = identity.table('theme_settings', {
  adminId: uuid('admin_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  themeName: text('theme_name').notNull(),
  customColors: jsonb('custom_colors').notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
})

/** Fixed-window counters for the login rate limit, shared by every replica. */
export const rateLimitWindows = identity.table('rate_limit_windows', {
  key: text('key').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull().default(0)
}, (table) => [primaryKey({ columns: [table.key, table.windowStart] }), index('rate_limit_windows_start_idx').on(table.windowStart)])

export const { outbox, inbox, deadLetters } = eventTables(identity)
