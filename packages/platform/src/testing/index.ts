export {
  createServiceHarness, type Caller, type Envelope, type LogLine, type ServiceHarness, type ServiceHarnessOptions
} from './service-harness.js'
