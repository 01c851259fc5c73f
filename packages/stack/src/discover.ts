import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { StackError } from './errors.js'

/** A runnable service: a `services/<name>` folder whose package.json has a `platform` field. */
export type ServiceInfo = {
  /** The folder name, also used for log prefixes and `<NAME>_PORT` / `<NAME>_URL`. */
  name: string
  dir: string
  /** Default port; `<NAME>_PORT` overrides it. */
  port: number
  /** The Postgres schema (and role) it owns; its migrations are in `sql/<schema>/`. */
  schema?: string
}

const schemaName = /^[a-z_][a-z0-9_]*$/

function parsePlatform (file: string, value: unknown): { port: number, schema?: string } {
  const platform = value as { port?: unknown, schema?: unknown }
  if (typeof platform !== 'object' || platform === null) throw new StackError(`${file}: "platform" must be an object`)
  if (typeof platform.port !== 'number' || !Number.isInteger(platform.port) || platform.port < 1 || platform.port > 65535) {
    throw new StackError(`${file}: "platform.port" must be a port number`)
  }
  if (platform.schema === undefined) return { port: platform.port }
  if (typeof platform.schema !== 'string' || !schemaName.test(platform.schema)) {
    throw new StackError(`${file}: "platform.schema" must be a lower-case Postgres schema name`)
  }
  return { port: platform.port, schema: platform.schema }
}

/** Services that own data start first (their consumers and relays are up when traffic comes), the gateway last. */
function startRank (service: ServiceInfo): number {
  if (service.name === 'gateway') return 2
  return service.schema === undefined ? 1 : 0
}

/**
 * Finds the services under `<root>/services`. A folder without a `platform` field (or without a
 * package.json) is not a service yet and is skipped, so the list grows as services are added.
 */
export async function discoverServices (root: string): Promise<ServiceInfo[]> {
  const servicesDir = join(root, 'services')
  if (!existsSync(servicesDir)) return []
  const services: ServiceInfo[] = []
  for (const entry of await readdir(servicesDir, { withFileTypes: true })) {
    const file = join(servicesDir, entry.name, 'package.json')
    if (!entry.isDirectory() || !existsSync(file)) continue
    const manifest = JSON.parse(await readFile(file, 'utf8')) as { platform?: unknown }
    if (manifest.platform === undefined) continue
    services.push({ name: entry.name, dir: join(servicesDir, entry.name), ...parsePlatform(file, manifest.platform) })
  }
  return services.sort((a, b) => startRank(a) - startRank(b) || a.port - b.port || a.name.localeCompare(b.name))
}

/** `identity` -> `IDENTITY`, `mail-relay` -> `MAIL_RELAY`: the prefix of a service's variables. */
export function envName (name: string): string {
  return name.toUpperCase().replaceAll('-', '_')
}
