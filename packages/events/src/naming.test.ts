import { describe, expect, it } from 'vitest'
import { naming } from './naming.js'

describe('naming', () => {
  it('uses the plain subjects and EVENTS_<PRODUCER> streams without a prefix', () => {
    const names = naming()
    expect(names.subject('invitation.test.submitted.v1')).toBe('invitation.test.submitted.v1')
    expect(names.streamName('invitation')).toBe('EVENTS_INVITATION')
    expect(names.streamSubjects('invitation')).toBe('invitation.>')
    expect(names.durableName('grading', 'invitation.test.submitted.v1')).toBe('grading__invitation_test_submitted_v1')
  })

  it('moves everything under a run prefix', () => {
    const names = naming('t1abc_9f')
    expect(names.subject('identity.user.deleted.v1')).toBe('t1abc_9f.identity.user.deleted.v1')
    expect(names.unprefix('t1abc_9f.identity.user.deleted.v1')).toBe('identity.user.deleted.v1')
    expect(names.unprefix('identity.user.deleted.v1')).toBeUndefined()
    expect(names.streamName('identity')).toBe('T1ABC_9F_IDENTITY')
  })

  it('rejects a prefix that would break subjects', () => {
    expect(() => naming('a.b')).toThrow(/EVENTS_PREFIX/)
    expect(() => naming('a>')).toThrow(/EVENTS_PREFIX/)
  })
})
