import { Type, type Static, type TObject } from 'typebox'
import { Value } from 'typebox/value'

/**
 * Variables every service understands. A service extends this with its own fields:
 * `Type.Object({ ...BaseConfigFields, MY_VAR: Type.String() })`.
 */
export const BaseConfigFields = {
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' }
  ),
  /** Largest accepted request body; larger ones get 413. */
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  /**
   * Proxies whose X-Forwarded-For names the real client (comma-separated addresses, CIDRs, or
   * `loopback`); empty trusts none. Services behind the gateway trust it so rate limits see clients.
   */
  TRUST_PROXY: Type.String({ default: '' }),
  /** How long shutdown may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 })
}

/** For services that own a schema: their own role's URL (`pnpm start` derives it from the admin URL). */
export const DatabaseConfigFields = {
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  /** The folder of `00-init.sql` and the migrations; unset: `sql/` of the checkout. A deployed build sets it. */
  SQL_DIR: Type.Optional(Type.String({ minLength: 1 }))
}

/** For services on the event backbone. */
export const EventsConfigFields = {
  /** One server or a comma-separated list of cluster members. */
  NATS_URL: Type.String({ minLength: 1, default: 'nats://127.0.0.1:4222' }),
  /** Moves every subject and stream into a namespace of its own; tests set it, production leaves it empty. */
  EVENTS_PREFIX: Type.String({ pattern: '^([A-Za-z][A-Za-z0-9_]*)?$', default: '' }),
  /** Copies JetStream keeps of each stream: 1 on one server, 3 on a cluster of three (survives a node). */
  EVENTS_STREAM_REPLICAS: Type.Integer({ minimum: 1, maximum: 5, default: 1 }),
  /**
   * How long JetStream waits for a consumer's ack before it hands the event to another replica (or to
   * the same one restarted): how long events held by a crashed replica wait. The inbox makes a second
   * delivery of an event still being handled harmless, so shorter only costs repeated deliveries.
   */
  EVENTS_ACK_WAIT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 })
}

/** For services that verify access tokens; `iss` and `aud` are one value for the whole platform. */
export const TokenConfigFields = {
  /** Identity's base URL: its JWKS (`/.well-known/jwks.json`) verifies access tokens. */
  IDENTITY_URL: Type.String({ pattern: '^https?://[^/]+', default: 'http://127.0.0.1:8001' }),
  /** `iss` of access tokens; identity signs with it, everyone else checks it. */
  JWT_ISSUER: Type.String({ minLength: 1, default: 'pre-interview-platform/identity' }),
  /** `aud` of access tokens. */
  JWT_AUDIENCE: Type.String({ minLength: 1, default: 'pre-interview-platform' })
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads the environment against a TypeBox schema: applies defaults, converts strings to numbers and
 * booleans, and throws a ConfigError whose message is one line naming every bad or missing variable.
 * The result is frozen so nothing can change configuration after boot.
 */
export function loadConfig<T extends TObject> (schema: T, env: NodeJS.ProcessEnv = process.env): Readonly<Static<T>> {
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(schema.properties)) {
    const value = env[key]
    // An empty variable counts as unset, the way shells and .env files usually mean it.
    if (value !== undefined && value !== '') raw[key] = value
  }
  const converted = Value.Convert(schema, Value.Default(schema, raw))
  const problems = Value.Errors(schema, converted).map((error) => describe(error.instancePath, error.keyword, error.params, error.message, raw))
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${[...new Set(problems)].join('; ')}`)
  }
  return Object.freeze(converted as Static<T>)
}

function describe (path: string, keyword: string, params: object, message: string, raw: Record<string, unknown>): string {
  if (keyword === 'required' && 'requiredProperties' in params && Array.isArray(params.requiredProperties)) {
    return params.requiredProperties.map((name) => `${String(name)} is required`).join('; ')
  }
  const name = path.replace(/^\//, '').split('/')[0] ?? path
  const given = raw[name]
  return `${name} ${message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`
}

/**
 * Loads configuration for a process entry point: on a bad variable it prints the one-line reason and
 * exits with status 1, so a misconfigured service never half-starts.
 */
export function loadConfigOrExit<T extends TObject> (schema: T, env: NodeJS.ProcessEnv = process.env): Readonly<Static<T>> {
  try {
    return loadConfig(schema, env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}
