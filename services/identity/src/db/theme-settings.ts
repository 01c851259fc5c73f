import { eq } from 'drizzle-orm'
import type { IdentityQueryable } from './database.js'
import { themeSettings } from './schema.js'

export type Theme = { themeName: string, customColors: Record<string, unknown> }

export async function findTheme (db: IdentityQueryable, adminId: string): Promise<Theme | undefined> {
  const [row] = await db.select().from(themeSettings).where(eq(themeSettings.adminId, adminId)).limit(1)
  return row === undefined ? undefined : { themeName: row.themeName, customColors: row.customColors as Record<string, unknown> }
}

export async function saveTheme (db: IdentityQueryable, adminId: string, theme: Theme): Promise<void> {
  const values = { themeName: theme.themeName, customColors: theme.customColors, updatedAt: new Date() }
  await db.insert(themeSettings).values({ adminId, ...values }).onConflictDoUpdate({ target: themeSettings.adminId, set: values })
}
