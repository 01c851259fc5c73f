#!/usr/bin/env node
// Runs `drizzle-kit generate` with the given arguments, then removes the `CREATE SCHEMA` statements it
// writes: sql/00-init.sql creates each schema (owned by the service's role), and a service role is
// deliberately not allowed to create schemas, so those statements would fail at migrate time.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const args = process.argv.slice(2)
const result = spawnSync('drizzle-kit', ['generate', ...args], { stdio: 'inherit', shell: false })
if (result.status !== 0) process.exit(result.status ?? 1)

const configIndex = args.indexOf('--config')
const configPath = configIndex === -1 ? 'drizzle.config.ts' : args[configIndex + 1]
const config = readFileSync(configPath, 'utf8')
const out = /out:\s*['"]([^'"]+)['"]/.exec(config)?.[1]
if (out === undefined) {
  console.error(`Could not find "out" in ${configPath}`)
  process.exit(1)
}
const folder = join(process.cwd(), out)
for (const file of readdirSync(folder).filter((name) => name.endsWith('.sql'))) {
  const path = join(folder, file)
  const sql = readFileSync(path, 'utf8')
  const cleaned = sql.replace(/^CREATE SCHEMA "[^"]+";\n(--> statement-breakpoint\n)?/gm, '')
  if (cleaned !== sql) writeFileSync(path, cleaned)
}
