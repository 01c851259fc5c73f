// The registry of every event the platform publishes, one module per producer.
export * as assessment from './assessment.js'
export * as grading from './grading.js'
export * as identity from './identity.js'
export * as invitation from './invitation.js'
export * as signaling from './signaling.js'
