/**
 * The asymmetric algorithms identity may sign with (ARCHITECTURE.md: "EdDSA or ES256"). Nothing else can
 * be configured, so `none`, HS256 (key confusion with the public key as the secret) and RSA are out.
 */
export const supportedAlgorithms = ['EdDSA', 'ES256'] as const
export type AccessTokenAlgorithm = typeof supportedAlgorithms[number]

export function isSupportedAlgorithm (value: unknown): value is AccessTokenAlgorithm {
  return supportedAlgorithms.includes(value as AccessTokenAlgorithm)
}
