import { describe, expect, it } from 'vitest'
import { parseRoomMessage } from './room-messages.js'

const text = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))

describe('parseRoomMessage', () => {
  it('accepts the four types with what each needs, extra keys kept', () => {
    expect(parseRoomMessage(text({ type: 'offer', sdp: 'v=0', extra: 1 }), false, 1024)).toEqual({ message: { type: 'offer', sdp: 'v=0', extra: 1 } })
    expect(parseRoomMessage(text({ type: 'answer', sdp: 'v=0' }), false, 1024)).toHaveProperty('message')
    expect(parseRoomMessage(text({ type: 'ice_candidate', candidate: null }), false, 1024)).toHaveProperty('message')
    expect(parseRoomMessage(text({ type: 'bye' }), false, 1024)).toHaveProperty('message')
  })

  it('refuses with the close code that names the problem', () => {
    const refusal = (data: Buffer, binary = false, max = 1024) => 'refusal' in parseRoomMessage(data, binary, max) ? parseRoomMessage(data, binary, max) : undefined
    expect(refusal(text({ type: 'offer', sdp: 'x'.repeat(100) }), false, 64)).toEqual({ refusal: { code: 4413, reason: 'Message too large (max 64 bytes)' } })
    expect(refusal(text({ type: 'bye' }), true)).toMatchObject({ refusal: { code: 4400 } })
    expect(refusal(text('{'))).toEqual({ refusal: { code: 4400, reason: 'Malformed JSON' } })
    for (const value of ['null', '"offer"', '[1]', '{}', '{"type":"OFFER"}', '{"type":"answer","sdp":1}']) {
      expect(refusal(text(value))).toMatchObject({ refusal: { code: 4400 } })
    }
  })

  it('keeps every close reason within the 123 bytes a close frame allows', () => {
    const reasons = [text('{'), text('[]'), text({ type: 'x' }), text({ type: 'offer' }), text({ type: 'answer' }), text({ type: 'ice_candidate' }), text({ type: 'offer', sdp: 'x'.repeat(5000) })]
      .map((data) => parseRoomMessage(data, false, 4096))
      .flatMap((result) => 'refusal' in result ? [result.refusal.reason] : [])
    expect(reasons.length).toBeGreaterThan(5)
    for (const reason of reasons) expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123)
  })
})
