import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { loggerOptions, redactUrl } from './logger.js'

describe('redactUrl', () => {
  it('hides invite tokens in paths and tokens in queries', () => {
    expect(redactUrl('/api/take-test/abcDEF123_-x')).toBe('/api/take-test/[redacted]')
    expect(redactUrl('/api/invites/token/secret/schedule')).toBe('/api/invites/token/[redacted]/schedule')
    expect(redactUrl('/api/ws/signaling/42?token=eyJhbGc.x.y&x=1')).toBe('/api/ws/signaling/42?token=[redacted]&x=1')
  })

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/tests/7?page=2')).toBe('/api/tests/7?page=2')
  })

  it('hides them in absolute URLs too', () => {
    expect(redactUrl('ws://127.0.0.1:8005/api/ws/room/1?token=abc.def.ghi')).toBe('ws://127.0.0.1:8005/api/ws/room/1?token=[redacted]')
  })
})

describe('loggerOptions', () => {
  it('redacts any logged `url` field, at every level', () => {
    let output = ''
    const sink = new Writable({ write (chunk: Buffer, _encoding, callback) { output += chunk.toString(); callback() } })
    const log = pino(loggerOptions('example', 'trace'), sink)
    log.trace({ url: 'ws://127.0.0.1:1/api/ws/x?token=secret-one' }, 'proxy websocket')
    log.debug({ url: 'http://127.0.0.1:1/api/take-test/secret-two' }, 'fetching')
    log.info({ url: 42 }, 'not a string')
    expect(output).toContain('token=[redacted]')
    expect(output).toContain('/api/take-test/[redacted]')
    expect(output).toContain('"url":42')
    expect(output).not.toMatch(/secret-(one|two)/)
  })
})
