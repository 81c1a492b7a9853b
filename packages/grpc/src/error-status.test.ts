import { status } from '@grpc/grpc-js';
import { expect, it } from 'vitest';
import { GRPC_STATUS } from '@coffer/contract';

it('numbers every gRPC status of the contract as grpc-js does', () => {
  for (const [name, value] of Object.entries(GRPC_STATUS)) expect(value, name).toBe(status[name as keyof typeof status]);
});
