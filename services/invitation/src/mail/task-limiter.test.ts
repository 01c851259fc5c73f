import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { taskLimiter } from './task-limiter.js'

describe('taskLimiter', () => {
  it('runs at most `limit` tasks at once and all of them in the end', async () => {
    const limiter = taskLimiter(2)
    let active = 0
    let peak = 0
    const results = await Promise.all([1, 2, 3, 4, 5].map(async (n) => await limiter.run(async () => {
      active++
      peak = Math.max(peak, active)
      await sleep(10)
      active--
      return n * 10
    })))
    expect(results).toEqual([10, 20, 30, 40, 50])
    expect(peak).toBe(2)
  })

  it('on close waits for running tasks, drops queued ones and takes no more', async () => {
    const limiter = taskLimiter(1)
    const finished: string[] = []
    const first = limiter.run(async () => { await sleep(30); finished.push('first'); return 'first' })
    const second = limiter.run(async () => { finished.push('second'); return 'second' })
    await limiter.close()
    expect(finished).toEqual(['first'])
    expect(await first).toBe('first')
    expect(await second).toBeUndefined()
    expect(await limiter.run(async () => 'late')).toBeUndefined()
  })

  it('a rejected task resolves undefined and frees its slot', async () => {
    const limiter = taskLimiter(1)
    expect(await limiter.run(async () => { throw new Error('boom') })).toBeUndefined()
    expect(await limiter.run(async () => 'next')).toBe('next')
  })
})
