// The registry of every event the platform publishes, one module per producer.
export * as identity from './identity.js'
