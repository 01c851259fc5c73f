export { startFleet, type Fleet, type FleetOptions } from './fleet.js'
export { serviceProcess, type ServiceProcess } from './service-process.js'
