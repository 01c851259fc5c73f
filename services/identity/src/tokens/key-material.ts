import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto'

/** An Ed25519 signing key as identity keeps it: the private half as PEM, the public half as a JWK. */
export type KeyMaterial = { kid: string, privatePem: string, publicJwk: PublicJwk }

/** An entry of the JWKS. */
export type PublicJwk = { kty: string, crv: string, x: string, kid: string, use: 'sig', alg: string }

export const ALGORITHM = 'EdDSA'

/** RFC 7638 thumbprint: the kid is derived from the key, so the same key always has the same kid. */
export function thumbprint (jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })
  return createHash('sha256').update(canonical).digest('base64url')
}

function fromPrivateKey (privateKey: ReturnType<typeof createPrivateKey>): KeyMaterial {
  const exported = createPublicKey(privateKey).export({ format: 'jwk' })
  if (exported.kty !== 'OKP' || exported.crv !== 'Ed25519') throw new Error('JWT_PRIVATE_KEY must be an Ed25519 key')
  const kid = thumbprint(exported)
  return {
    kid,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: { kty: exported.kty, crv: exported.crv, x: exported.x ?? '', kid, use: 'sig', alg: ALGORITHM }
  }
}

export function generateKeyMaterial (): KeyMaterial {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey)
}

/** The key given in configuration (PKCS#8 PEM); throws with a readable reason when it is not Ed25519. */
export function keyMaterialFromPem (pem: string): KeyMaterial {
  let key: ReturnType<typeof createPrivateKey>
  try {
    key = createPrivateKey(pem.replaceAll('\\n', '\n'))
  } catch {
    throw new Error('JWT_PRIVATE_KEY is not a readable PEM private key')
  }
  return fromPrivateKey(key)
}
