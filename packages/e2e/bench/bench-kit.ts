// What every stack-level benchmark shares: its own stack (own database, stream prefix and free ports,
// loopback only), autocannon figures in one shape, and a JSON file per benchmark in bench/results/.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type autocannon from 'autocannon'
import { findWorkspaceRoot } from '@repo/db'
import { createTestDatabase } from '@repo/db/testing'
import { deleteTestStreams, testNatsUrl, uniqueName } from '@repo/testing'
import { startStack, type RunningStack } from '../src/stack.js'

export const round = (value: number) => Math.round(value * 10) / 10

/**
 * Waits until the `index`-th send of an open-loop run at `perSecond` is due (`started`: the run's
 * performance.now()): the schedule holds whether earlier sends have been answered or not.
 */
export async function untilDue (started: number, index: number, perSecond: number): Promise<void> {
  const wait = started + (index * 1000) / perSecond - performance.now()
  if (wait > 0) await sleep(wait)
}

/** One load run: requests per second, latency percentiles in ms, failures. */
export type Load = { perSecond: number, p50: number, p99: number, errors: number, non2xx: number }

export function summary (result: autocannon.Result): Load {
  return { perSecond: round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx }
}

/** Where the stack's events go: a benchmark may listen to them (never publish). */
export type BenchBus = { natsUrl: string, eventsPrefix: string }

/** Runs `measure` against a stack of its own started with `env`, and always removes the stack after. */
export async function withBenchStack (env: Record<string, string>, measure: (stack: RunningStack, bus: BenchBus) => Promise<void>): Promise<void> {
  const database = await createTestDatabase()
  const natsUrl = testNatsUrl()
  const prefix = uniqueName('t')
  const stack = await startStack({ databaseUrl: database.adminUrl, natsUrl, eventsPrefix: prefix, env })
  try {
    await measure(stack, { natsUrl, eventsPrefix: prefix })
  } finally {
    await stack.stop()
    await deleteTestStreams(natsUrl, prefix).catch(() => {})
    await database.drop()
  }
}

/** Writes `bench/results/<name>.json` at the workspace root, stamped with the time of the run. */
export async function writeResults (name: string, results: Record<string, unknown>): Promise<void> {
  const folder = join(findWorkspaceRoot(import.meta.dirname), 'bench', 'results')
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`)
}
