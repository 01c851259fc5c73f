/**
 * Where events of a producer live. A run prefix (`EVENTS_PREFIX`, set by tests) moves every subject and
 * stream into its own namespace, so test runs never see each other's messages or production's.
 */
export type Naming = {
  prefix: string
  /** The wire subject for a registry subject. */
  subject: (subject: string) => string
  /** The registry subject of a wire subject (undefined when it is not in this namespace). */
  unprefix: (wireSubject: string) => string | undefined
  streamName: (producer: string) => string
  streamSubjects: (producer: string) => string
  durableName: (consumer: string, subject: string) => string
}

export function naming (prefix = ''): Naming {
  if (prefix !== '' && !/^[a-z][a-z0-9_]*$/i.test(prefix)) throw new Error(`EVENTS_PREFIX must be letters, digits and _: ${prefix}`)
  const head = prefix === '' ? '' : `${prefix}.`
  return {
    prefix,
    subject: (subject) => `${head}${subject}`,
    unprefix: (wireSubject) => wireSubject.startsWith(head) ? wireSubject.slice(head.length) : undefined,
    streamName: (producer) => `${prefix === '' ? 'EVENTS' : prefix.toUpperCase()}_${producer.toUpperCase()}`,
    streamSubjects: (producer) => `${head}${producer}.>`,
    durableName: (consumer, subject) => `${consumer}__${subject.replaceAll('.', '_')}`
  }
}
