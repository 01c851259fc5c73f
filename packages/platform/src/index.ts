export { createDataService, migrationsFolderOf, type DataServiceConfig, type DataServiceOptions } from './create-data-service.js'
