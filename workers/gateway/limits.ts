/**
 * Request-size limits the gateway enforces before any work is done. Part-specific bounds
 * (key and value sizes, txn ops, job counts) live beside the part that owns them and are
 * checked by its route schemas.
 */

/** Largest request body accepted, in bytes (413 above it). */
export const MAX_BODY_BYTES = 1024 * 1024;
