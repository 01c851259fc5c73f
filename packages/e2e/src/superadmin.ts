/** The superadmin every e2e run starts with (made by identity's ADMIN_EMAIL/ADMIN_PASSWORD bootstrap). */
export const SUPERADMIN = { email: 'Boss@Example.com', password: 'correct horse battery', full_name: 'Ada Boss' } as const
