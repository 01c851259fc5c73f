#!/usr/bin/env node
import { resolve } from 'node:path'
import { findWorkspaceRoot } from '@repo/db'
import { DEFAULT_DEPLOY_DIR, deploy } from './deploy.js'
import { StackError } from './errors.js'
import { migrateCommand } from './migrate-command.js'
import { start } from './start.js'

const usage = [
  'usage: node packages/stack/dist/cli.js start [--dev | --prod <dir>]',
  '       node packages/stack/dist/cli.js migrate',
  `       node packages/stack/dist/cli.js deploy [--out <dir>] [service...]   (default --out ${DEFAULT_DEPLOY_DIR})`
].join('\n')

/** `--name value` taken out of `args`; the rest is returned as is. */
function takeOption (args: string[], name: string): { value?: string, rest: string[] } {
  const index = args.indexOf(name)
  if (index === -1) return { rest: args }
  const value = args[index + 1]
  if (value === undefined || value.startsWith('--')) throw new StackError(`${name} needs a folder\n${usage}`)
  return { value, rest: [...args.slice(0, index), ...args.slice(index + 2)] }
}

function rejectUnknown (flags: readonly string[]): void {
  if (flags.length > 0) throw new StackError(`Unknown option ${flags.join(' ')}\n${usage}`)
}

async function main (args: string[]): Promise<number> {
  const root = findWorkspaceRoot(import.meta.dirname)
  const [command, ...flags] = args
  const log = (line: string): void => { process.stdout.write(`${line}\n`) }
  switch (command) {
    case 'start': {
      const prod = takeOption(flags, '--prod')
      const dev = prod.rest.includes('--dev')
      rejectUnknown(prod.rest.filter((flag) => flag !== '--dev'))
      if (dev && prod.value !== undefined) throw new StackError(`--dev and --prod exclude each other\n${usage}`)
      return await start({
        root,
        dev,
        ...(prod.value === undefined ? {} : { prod: resolve(prod.value) }),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
        colour: process.stdout.isTTY === true
      })
    }
    case 'migrate':
      rejectUnknown(flags)
      await migrateCommand(root, process.env)
      return 0
    case 'deploy': {
      const out = takeOption(flags, '--out')
      rejectUnknown(out.rest.filter((flag) => flag.startsWith('-')))
      const started = Date.now()
      const services = await deploy({ root, out: resolve(out.value ?? resolve(root, DEFAULT_DEPLOY_DIR)), only: out.rest, log })
      log(`production build of ${services.length} service(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; run it with node packages/stack/dist/cli.js start --prod ${out.value ?? DEFAULT_DEPLOY_DIR}`)
      return 0
    }
    default:
      throw new StackError(usage)
  }
}

try {
  process.exit(await main(process.argv.slice(2)))
} catch (error) {
  // A StackError is a plain instruction for the user; anything else is a bug, so keep its stack.
  const message = error instanceof StackError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`${message}\n`)
  process.exit(1)
}
