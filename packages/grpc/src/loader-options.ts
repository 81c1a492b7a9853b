import { fileURLToPath } from 'node:url';
import type { Options } from '@grpc/proto-loader';

/**
 * The one option set for @grpc/proto-loader. scripts/proto-gen.mjs derives the
 * proto-loader-gen-types flags from this object, so the generated types always
 * describe what the loader really produces.
 *
 * proto3 `optional` fields keep presence with these options: protobufjs models
 * them as synthetic oneofs, which `defaults` does not fill in, so an absent
 * field stays undefined and an explicit 0 or '' survives the round trip.
 * `oneofs` adds a virtual `_field: 'field'` marker next to a present optional field.
 */
export const LOADER_OPTIONS: Readonly<Options> = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [fileURLToPath(new URL('../../../proto/', import.meta.url))],
};
