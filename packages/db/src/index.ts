export { listenOnChannel, type ChannelListener, type ChannelListenerOptions } from './channel-listener.js'
export { createPool, quoteIdent, type PoolOptions } from './pool.js'
export { migrate, type MigrateOptions } from './migrate.js'
export {
  DEFAULT_DATABASE_URL, SERVICE_SCHEMAS, bootstrapDatabase, databaseName, databaseUrlFromEnv, ensureDatabase,
  findWorkspaceRoot, serviceDatabaseUrl, type BootstrapOptions
} from './bootstrap.js'
export { databasePlugin, type DatabasePluginOptions } from './plugin.js'
export { migrationsFolderOf, sqlFolder } from './sql-folder.js'
export type { Database, Queryable, Transaction } from './transaction.js'
