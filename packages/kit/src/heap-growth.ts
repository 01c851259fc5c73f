import v8 from 'node:v8'

/**
 * After each full GC, V8 lets the old generation grow to up to four times what survived before the next
 * one. A burst (a cohort opening 1000 proctoring sockets, 200 submissions a second) fills that room with
 * garbage, and the process keeps it resident until V8's memory reducer runs, 30-50 s after the burst.
 * Capping the growth at half of what survived keeps the peak close to the live heap: in `pnpm bench`
 * (platform), peak resident size went from 182-220 MB (gateway, invitation; nine runs) to 125 MB, with
 * the same throughput and CPU per submission.
 */
export const HEAP_GROWING_PERCENT = 50

/** The V8 flag to set, or undefined when node was started with a --heap-growing-percent of its own. */
export function heapGrowthFlag (execArgv: readonly string[]): string | undefined {
  const given = execArgv.some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg))
  return given ? undefined : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`
}

/**
 * Applies HEAP_GROWING_PERCENT to this process. V8 reads the flag whenever it sizes the old generation
 * after a GC, so setting it once the process runs takes effect from the next GC. (NODE_OPTIONS cannot
 * carry it: Node accepts only a few V8 flags there.)
 */
export function limitHeapGrowth (): void {
  const flag = heapGrowthFlag(process.execArgv)
  if (flag !== undefined) v8.setFlagsFromString(flag)
}
