import { pino } from 'pino'
import { describe, expect, it, vi } from 'vitest'
import { intervalJob } from './interval-job.js'

const silent = pino({ level: 'silent' })
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms))

describe('intervalJob', () => {
  it('never overlaps passes, keeps going after a failure, and stop() waits for the pass under way', async () => {
    let active = 0
    let maxActive = 0
    let passes = 0
    let finished = 0
    const job = intervalJob('test', 5, async () => {
      passes += 1
      active += 1
      maxActive = Math.max(maxActive, active)
      await sleep(20)
      active -= 1
      finished += 1
      if (passes === 1) throw new Error('first pass fails')
    }, silent)
    job.start()
    job.start()
    await vi.waitFor(() => { expect(passes).toBeGreaterThanOrEqual(3) })
    await job.stop()
    expect(maxActive).toBe(1)
    // The pass that was under way when stop() was called has finished.
    expect(finished).toBe(passes)
    const after = passes
    await sleep(30)
    expect(passes).toBe(after)
  })

  it('runNow joins a pass under way instead of starting a second one', async () => {
    let passes = 0
    const job = intervalJob('test', 60_000, async () => { passes += 1; await sleep(10) }, silent)
    await Promise.all([job.runNow(), job.runNow()])
    expect(passes).toBe(1)
    await job.runNow()
    expect(passes).toBe(2)
  })
})
