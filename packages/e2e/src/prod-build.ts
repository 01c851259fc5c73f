import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findWorkspaceRoot } from '@repo/db'
import { deploy } from '@repo/stack'

export type ProdBuild = {
  /** `pnpm build:prod`'s layout: `<dir>/<service>/` per service and `<dir>/sql/`. */
  dir: string
  /** Removes the folder when this run made it; a given one (E2E_PROD_BUILD) is kept. */
  remove: () => Promise<void>
}

/**
 * The production build the stack runs from: every service deployed without dev dependencies (as
 * `pnpm build:prod` does) to a temporary folder outside the checkout, so nothing can reach back into
 * the repository's sources, node_modules or sql/. E2E_PROD_BUILD names an existing build to use instead
 * (faster reruns, or an image's build); the services' dist/ must be built either way.
 */
export async function prepareProdBuild (log: (line: string) => void = () => {}): Promise<ProdBuild> {
  const given = process.env.E2E_PROD_BUILD
  if (given !== undefined && given !== '') return { dir: resolve(given), remove: async () => {} }
  const dir = await mkdtemp(join(tmpdir(), 'platform-prod-'))
  const remove = async (): Promise<void> => { await rm(dir, { recursive: true, force: true }) }
  try {
    const started = Date.now()
    await deploy({ root: findWorkspaceRoot(import.meta.dirname), out: dir, only: [], log })
    log(`production build deployed to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    await remove()
    throw error
  }
  return { dir, remove }
}
