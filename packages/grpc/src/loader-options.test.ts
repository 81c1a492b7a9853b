import { loadSync } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import type { SetSecretRequest, SetSecretRequest__Output } from './generated/coffer/v1/SetSecretRequest.js';
import { LOADER_OPTIONS } from './loader-options.js';

function roundTripSetSecret(request: SetSecretRequest): SetSecretRequest__Output {
  const method = loadSync('coffer/v1/secret.proto', LOADER_OPTIONS)['coffer.v1.SecretService'];
  if (!method || !('SetSecret' in method)) throw new Error('SecretService.SetSecret not loaded');
  const { requestSerialize, requestDeserialize } = method.SetSecret;
  return requestDeserialize(requestSerialize(request)) as SetSecretRequest__Output;
}

describe('LOADER_OPTIONS', () => {
  it('keeps proto3 optional fields absent when they were not sent', () => {
    const received = roundTripSetSecret({ key: 'DB_URL', value: 'x' });
    expect(received.expectedVersion).toBeUndefined();
    expect(received.description).toBeUndefined();
  });

  it('keeps an explicit zero or empty optional field, unlike a plain field', () => {
    const received = roundTripSetSecret({ key: 'DB_URL', expectedVersion: 0, description: '' });
    expect(received.expectedVersion).toBe(0);
    expect(received.description).toBe('');
  });

  it('fills plain fields with defaults and uses camelCase names', () => {
    const received = roundTripSetSecret({ key: 'DB_URL' });
    expect(received).toMatchObject({ key: 'DB_URL', value: '', type: '', scope: null });
  });
});
