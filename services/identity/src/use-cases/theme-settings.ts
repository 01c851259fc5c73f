import type { IdentityContext } from '../context.js'
import { findTheme, saveTheme, type Theme } from '../db/theme-settings.js'

export const DEFAULT_THEME: Theme = { themeName: 'classic', customColors: {} }

export async function getThemeSettings (ctx: IdentityContext, adminId: string): Promise<Theme> {
  return await findTheme(ctx.db, adminId) ?? DEFAULT_THEME
}

export async function saveThemeSettings (ctx: IdentityContext, adminId: string, theme: Theme): Promise<void> {
  await saveTheme(ctx.db, adminId, theme)
}
