/**
 * Every RPC in the protos has exactly one access rule in the table its service exports, and no table
 * has a rule for an RPC that does not exist: a new RPC without a decision about who may call it
 * fails here, before addService would refuse to start the service.
 */
import { describe, expect, it } from 'vitest';
import { loadCofferPackage, type AccessRule } from '@coffer/grpc';
import { ACCESS_TABLES } from '../docs/permission-table.js';

const TABLES: Record<string, Record<string, AccessRule<never>>> = {
  AuthService: ACCESS_TABLES.auth,
  SecretService: ACCESS_TABLES.secret,
  AuditService: ACCESS_TABLES.audit,
};

/** The services of the coffer.v1 proto package, each with its method names. */
function servicesInProtos(): Record<string, string[]> {
  const v1 = loadCofferPackage().coffer.v1 as unknown as Record<string, unknown>;
  const services: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(v1)) {
    // Service constructors carry their definition; messages and enums do not.
    const definition = typeof value === 'function' ? (value as { service?: Record<string, unknown> }).service : undefined;
    if (definition) services[name] = Object.keys(definition);
  }
  return services;
}

it('has an access table for every service in the protos, and none for a service that is not there', () => {
  expect(Object.keys(servicesInProtos()).sort()).toEqual(Object.keys(TABLES).sort());
});

describe.each(Object.keys(TABLES))('coffer.v1.%s', (service) => {
  const methods = servicesInProtos()[service] ?? [];
  const table = TABLES[service]!;

  it('is a service with RPCs', () => {
    expect(methods.length).toBeGreaterThan(0);
  });

  it.each(methods)('%s has an access rule', (method) => {
    const rule = table[method];
    expect(rule, `${service}.${method} has no entry in its access table`).toBeDefined();
    expect(['public', 'service', 'principal']).toContain(rule!.kind);
  });

  it('has no rule for an RPC that does not exist', () => {
    expect(Object.keys(table).filter((method) => !methods.includes(method))).toEqual([]);
  });
});

it('leaves open to a caller without a principal or a service assertion only the calls that prove themselves', () => {
  const open = Object.entries(TABLES).flatMap(([service, table]) =>
    Object.entries(table)
      .filter(([, rule]) => rule.kind === 'public')
      .map(([method]) => `${service}.${method}`),
  );
  // A token, a password, a challenge and a code, a refresh token, a link's token; the one-shot
  // bootstrap; the public keys; a device's request and its device code (RFC 8628). Nothing of the
  // Secret or Audit service.
  expect(open.sort()).toEqual(
    [
      'Authenticate',
      'Bootstrap',
      'Signup',
      'VerifyEmail',
      'Login',
      'LoginSecondFactor',
      'Refresh',
      'Logout',
      'ForgotPassword',
      'ResetPassword',
      'GetJwks',
      'AcceptInvitation',
      'StartDeviceAuthorization',
      'PollDeviceToken',
    ]
      .map((method) => `AuthService.${method}`)
      .sort(),
  );
});
