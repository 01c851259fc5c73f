// The targets of `pnpm bench`, from the results the benchmarks of this run wrote to bench/results/
// (gateway.json, login.json, platform.json): one table of target, measured, met. Run last. A results
// file that is missing, or older than this run can be (BENCH_REPORT_MAX_AGE_MINUTES), shows as not
// measured rather than passing on an old figure. Missed targets are reported, not thrown: the figures
// are machine-dependent and the table is what a reader needs.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findWorkspaceRoot } from '@repo/db'
import { writeResults } from './bench-kit.js'

const MAX_AGE_MS = Number(process.env.BENCH_REPORT_MAX_AGE_MINUTES ?? 30) * 60_000
// The login target: login throughput as a share of what bcrypt allows on the machine's cores.
const LOGIN_TARGET = Number(process.env.BENCH_LOGIN_TARGET ?? 0.8)

type Row = { target: string, measured: string, met: 'yes' | 'no' | 'not measured' }

// Results files are read loosely: each figure is checked for its type where it is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

const folder = join(findWorkspaceRoot(import.meta.dirname), 'bench', 'results')

async function results (name: string): Promise<Loose | undefined> {
  const text = await readFile(join(folder, `${name}.json`), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const parsed: Loose = JSON.parse(text)
  const age = Date.now() - Date.parse(String(parsed.at))
  return Number.isFinite(age) && age <= MAX_AGE_MS ? parsed : undefined
}

const notMeasured = (target: string, name: string): Row => ({ target, measured: `no recent ${name}.json`, met: 'not measured' })
const met = (ok: boolean): Row['met'] => ok ? 'yes' : 'no'

const gateway = await results('gateway')
const login = await results('login')
const platform = await results('platform')
const rows: Record<string, Row> = {}

const gatewayTarget = Number(gateway?.ratios?.target ?? 0.5)
const gatewayRatio = gateway?.ratios?.throughput
rows.gateway = typeof gatewayRatio === 'number'
  ? { target: `proxied/direct throughput >= ${gatewayTarget}`, measured: gatewayRatio.toFixed(2), met: met(gatewayRatio >= gatewayTarget) }
  : notMeasured(`proxied/direct throughput >= ${gatewayTarget}`, 'gateway')

const logins = login?.login?.perSecond
const bcryptLimit = login?.bcrypt?.limitPerSecond
rows.login = typeof logins === 'number' && typeof bcryptLimit === 'number' && bcryptLimit > 0
  ? { target: `logins/s / bcrypt limit >= ${LOGIN_TARGET}`, measured: `${(logins / bcryptLimit).toFixed(2)} (${logins} of ${bcryptLimit}/s)`, met: met(logins / bcryptLimit >= LOGIN_TARGET) }
  : notMeasured(`logins/s / bcrypt limit >= ${LOGIN_TARGET}`, 'login')

const at50 = Array.isArray(platform?.submitToGraded) ? platform.submitToGraded.find((run: Loose) => run.perSecond === 50) : undefined
const p99 = at50?.submitToGraded?.p99
rows.submitToGraded = typeof p99 === 'number'
  ? { target: 'submit to graded p99 < 100 ms at 50/s (lost = 0)', measured: `${p99} ms steady (warm-up p99 ${String(at50.warmUp?.submitToGraded?.p99)} ms; lost ${String(at50.lost)})`, met: met(p99 < 100 && at50.lost === 0) }
  : notMeasured('submit to graded p99 < 100 ms at 50/s (lost = 0)', 'platform')

// The reading once the services have been idle a while (what they keep), with the one 5 s after the
// runs (what they still held then) shown beside it.
const MEMORY_TARGET = 'every service < 150 MB resident after the runs (35 s idle)'
const after = platform?.memoryAfterIdle as Record<string, { rssMb: number }> | undefined
const soonAfter = platform?.memoryAfter as Record<string, { rssMb: number }> | undefined
const largestOf = (memory: Record<string, { rssMb: number }>) => Object.entries(memory).sort(([, a], [, b]) => b.rssMb - a.rssMb)[0] as [string, { rssMb: number }]
if (after !== undefined && Object.keys(after).length > 0) {
  const [largest, figures] = largestOf(after)
  const over = Object.entries(after).filter(([, each]) => each.rssMb >= 150).map(([service]) => service)
  const soon = soonAfter === undefined || Object.keys(soonAfter).length === 0 ? '' : ` (5 s after: ${largestOf(soonAfter)[0]} ${largestOf(soonAfter)[1].rssMb} MB)`
  rows.memory = { target: MEMORY_TARGET, measured: `largest: ${largest} ${figures.rssMb} MB${over.length > 0 ? `; over: ${over.join(', ')}` : ''}${soon}`, met: met(over.length === 0) }
} else {
  rows.memory = notMeasured(MEMORY_TARGET, 'platform')
}

console.log('\nTargets (ratios and figures on this machine; the load generator shares its cores with the stack)')
console.table(rows)
await writeResults('targets', { rows })
