// Resident memory (and CPU time) of the stack's services, read from /proc (Linux only, as the machines that run
// `pnpm bench` are). The stack CLI runs every service as a child process in its deployed folder
// (`<build>/<service>`, `node dist/server.js`), so a service is a child of the CLI whose working
// directory ends in its name: no port or command-line guessing.
import { readFile, readdir, readlink } from 'node:fs/promises'
import { basename } from 'node:path'

/** One service's memory in MB: resident now (VmRSS) and the most it has been resident so far (VmHWM). */
export type ServiceMemory = { pid: number, rssMb: number, peakRssMb: number }

const kbField = (status: string, field: string): number | undefined => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

const toMb = (kb: number) => Math.round(kb / 102.4) / 10

/** Clock ticks per second of /proc/<pid>/stat's CPU times: 100 on every Linux the benchmarks run on. */
const TICKS_PER_SECOND = 100

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces or parentheses): state first. */
const statFields = (stat: string): string[] => stat.slice(stat.lastIndexOf(')') + 2).split(' ')

/** The pids whose parent is `parentPid` (from /proc/<pid>/stat; the command name may hold spaces or parentheses). */
async function childrenOf (parentPid: number): Promise<number[]> {
  const children: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined)
    if (stat === undefined) continue
    const ppid = Number(statFields(stat)[1])
    if (ppid === parentPid) children.push(Number(entry))
  }
  return children
}

/**
 * Each service's memory, by service name (the folder it runs in), for the stack started as
 * `stackPid`. Throws when none of `services` is found, so a changed process layout cannot pass as
 * "every service is small".
 */
export async function serviceMemory (stackPid: number | undefined, services: readonly string[]): Promise<Record<string, ServiceMemory>> {
  if (stackPid === undefined) throw new Error('the stack has no process id to find its services by')
  const found: Record<string, ServiceMemory> = {}
  for (const pid of await childrenOf(stackPid)) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined)
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined)
    if (cwd === undefined || status === undefined) continue
    const name = basename(cwd)
    if (!services.includes(name)) continue
    found[name] = { pid, rssMb: toMb(kbField(status, 'VmRSS') ?? Number.NaN), peakRssMb: toMb(kbField(status, 'VmHWM') ?? Number.NaN) }
  }
  const missing = services.filter((service) => found[service] === undefined)
  if (missing.length > 0) throw new Error(`no process found for ${missing.join(', ')} among the children of the stack (pid ${stackPid})`)
  return found
}

/** CPU seconds (user + system) each process has used so far, by service name, for processes found by serviceMemory. */
export async function cpuSeconds (processes: Record<string, { pid: number }>): Promise<Record<string, number>> {
  const used: Record<string, number> = {}
  for (const [service, { pid }] of Object.entries(processes)) {
    const fields = statFields(await readFile(`/proc/${pid}/stat`, 'utf8'))
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    used[service] = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  }
  return used
}

/** The machine's CPU time so far, all cores (from /proc/stat): busy and total, in clock ticks. */
export async function machineCpu (): Promise<{ busy: number, total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? ''
  // cpu user nice system idle iowait irq softirq steal ...: idle and iowait are the not-busy ones.
  const ticks = line.trim().split(/\s+/).slice(1).map(Number)
  const total = ticks.reduce((sum, value) => sum + value, 0)
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total }
}

/** The share of all cores that was busy between two machineCpu readings, in percent. */
export const busyPercent = (before: { busy: number, total: number }, after: { busy: number, total: number }): number =>
  Math.round(((after.busy - before.busy) / Math.max(1, after.total - before.total)) * 1000) / 10
