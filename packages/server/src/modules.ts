import { auditModule } from '@coffer/audit';
import { authModule } from '@coffer/auth';
import { databaseModule, migrateModule } from '@coffer/db';
import { gatewayModule } from '@coffer/gateway';
import { principalSigningModule, principalVerificationModule, serviceSigningModule, serviceVerificationModule } from '@coffer/grpc';
import { kvModule } from '@coffer/kv';
import { defineModule, type ModuleDescriptor } from '@coffer/module';
import { kmsModule, secretModule } from '@coffer/secret';
import { firstRunModule } from './first-run.js';

const allModule = defineModule({
  name: 'all',
  kind: 'group',
  description: 'every service in one process, each on its own loopback gRPC port',
  dependsOn: ['auth', 'secret', 'audit', 'gateway', 'first-run'],
});

/**
 * Every module coffer-server can run: the one composition root. Adding a module is its own file
 * and one entry here. Targets are listed (and offered) in this order.
 */
export const MODULES: readonly ModuleDescriptor<any, any>[] = [
  databaseModule,
  kvModule,
  principalVerificationModule,
  principalSigningModule,
  serviceVerificationModule,
  serviceSigningModule,
  kmsModule,
  authModule,
  secretModule,
  auditModule,
  firstRunModule,
  gatewayModule,
  allModule,
  migrateModule,
];
