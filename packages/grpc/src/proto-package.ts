import { accessSync, constants } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import type { ProtoGrpcType as AuditProto } from './generated/audit.js';
import type { ProtoGrpcType as AuthProto } from './generated/auth.js';
import type { ProtoGrpcType as HealthProto } from './generated/health.js';
import type { ProtoGrpcType as SecretProto } from './generated/secret.js';
import { LOADER_OPTIONS } from './loader-options.js';

/** Every contract the platform speaks: service constructors and definitions under their proto package. */
export type CofferPackage = AuthProto & SecretProto & AuditProto & HealthProto;

/** The fully qualified names of Coffer's gRPC services: health-check names and assertion audiences. */
export const AUTH_SERVICE = 'coffer.v1.AuthService';
export const SECRET_SERVICE = 'coffer.v1.SecretService';
export const AUDIT_SERVICE = 'coffer.v1.AuditService';

const PROTO_FILES = ['coffer/v1/auth.proto', 'coffer/v1/secret.proto', 'coffer/v1/audit.proto', 'grpc/health/v1/health.proto'];

/**
 * Defined (true) only inside the server bundle: packages/server/scripts/build.mjs copies proto/
 * beside it, and import.meta.url is then the bundle's, so the source-relative path of
 * LOADER_OPTIONS does not apply there.
 */
declare const COFFER_PROTO_BESIDE_BUNDLE: boolean | undefined;

function loaderOptions(): Options {
  if (typeof COFFER_PROTO_BESIDE_BUNDLE === 'undefined') return LOADER_OPTIONS;
  return { ...LOADER_OPTIONS, includeDirs: [fileURLToPath(new URL('./proto/', import.meta.url))] };
}

let loaded: CofferPackage | undefined;

/** Parses the .proto files once per process; the result is immutable data, safe to share. */
export function loadCofferPackage(): CofferPackage {
  loaded ??= loadPackageDefinition(loadSync(PROTO_FILES, loaderOptions())) as unknown as CofferPackage;
  return loaded;
}

let root: protobuf.Root | undefined;

/**
 * The contracts as protobufjs types, parsed as @grpc/proto-loader parses them (same files, include
 * directories and options), for code that converts messages without encoding them. Parsed once per
 * process, on first use.
 */
export function loadCofferRoot(): protobuf.Root {
  if (root) return root;
  const options = loaderOptions();
  const parsed = new protobuf.Root();
  parsed.resolvePath = (_origin, target) => {
    if (isAbsolute(target)) return target;
    for (const directory of options.includeDirs ?? []) {
      const path = join(directory, target);
      try {
        accessSync(path, constants.R_OK);
        return path;
      } catch {
        continue;
      }
    }
    return target;
  };
  root = parsed.loadSync(PROTO_FILES, options);
  root.resolveAll();
  return root;
}
