export { createDataService, type DataServiceConfig, type DataServiceOptions } from './create-data-service.js'
