export {
  createTestIssuer, type AccessTokenClaims, type Jwks, type TestClaims, type TestIssuer, type TestIssuerOptions,
  type TestSignOptions
} from './test-issuer.js'
export { JWKS_PATH, startJwksServer, type JwksServer } from './jwks-server.js'
