#!/usr/bin/env node
import { findWorkspaceRoot } from '@repo/db'
import { StackError } from './errors.js'
import { migrateCommand } from './migrate-command.js'
import { start } from './start.js'

const usage = 'usage: node packages/stack/dist/cli.js start [--dev] | migrate'

async function main (args: string[]): Promise<number> {
  const root = findWorkspaceRoot(import.meta.dirname)
  const [command, ...flags] = args
  const unknown = flags.filter((flag) => flag !== '--dev' || command !== 'start')
  if (unknown.length > 0) throw new StackError(`Unknown option ${unknown.join(' ')}\n${usage}`)
  switch (command) {
    case 'start':
      return await start({ root, dev: flags.includes('--dev'), env: process.env, stdout: process.stdout, stderr: process.stderr, colour: process.stdout.isTTY === true })
    case 'migrate':
      await migrateCommand(root, process.env)
      return 0
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
