import type { UserRow } from './db/users.js'

/** The original's User shape (API.md section 2). */
export function userView (user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    role: user.role,
    created_at: user.createdAt.toISOString(),
    is_active: user.isActive
  }
}
