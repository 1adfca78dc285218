/**
 * WebCrypto's `CryptoKey` as a global type for Node code: @types/node (20) declares it only
 * as `webcrypto.CryptoKey`, while workerd code (and the pure core, which type-checks in
 * both runtimes) names it globally, as @cloudflare/workers-types does.
 */
type CryptoKey = import("node:crypto").webcrypto.CryptoKey;
