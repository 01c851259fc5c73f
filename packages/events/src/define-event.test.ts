import { describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { defineEvent } from './define-event.js'

describe('defineEvent', () => {
  const TestSubmittedV1 = defineEvent({
    producer: 'invitation',
    type: 'test.submitted',
    version: 1,
    schema: Type.Object({ inviteId: Type.String({ format: 'uuid' }), answers: Type.Array(Type.Object({ questionId: Type.String(), answer: Type.String() })) })
  })

  it('derives the subject from producer, type and version', () => {
    expect(TestSubmittedV1.subject).toBe('invitation.test.submitted.v1')
  })

  it('validates payloads, allowing fields added later', () => {
    expect(TestSubmittedV1.validator.Check({ inviteId: '3f1c2a9e-0b7d-4c55-9a57-1f0f5d3e2b10', answers: [], addedInV1_1: true })).toBe(true)
    expect(TestSubmittedV1.validator.Check({ inviteId: 'nope', answers: [] })).toBe(false)
    expect(TestSubmittedV1.validator.Check({ inviteId: '3f1c2a9e-0b7d-4c55-9a57-1f0f5d3e2b10' })).toBe(false)
  })

  it('rejects names that break the subject scheme', () => {
    const schema = Type.Object({})
    expect(() => defineEvent({ producer: 'Invitation', type: 'test.submitted', version: 1, schema })).toThrow(/producer/)
    expect(() => defineEvent({ producer: 'invitation', type: 'submitted', version: 1, schema })).toThrow(/dotted/)
    expect(() => defineEvent({ producer: 'invitation', type: 'test.submitted', version: 0, schema })).toThrow(/version/)
  })
})
