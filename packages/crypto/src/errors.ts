/**
 * The only error `open` and `decryptValue` throw for a bad blob. It is deliberately identical for
 * every cause (malformed input, wrong key, wrong binding, tampering) so that a caller who can
 * submit blobs learns nothing about which check failed.
 */
export class DecryptionError extends Error {
  readonly code = 'DECRYPTION_FAILED';

  constructor() {
    super('decryption failed');
    this.name = 'DecryptionError';
  }
}
