import { describe, expect, it } from 'vitest';
import { ConfigError, loadSlices } from '@coffer/config';
import { checkIntervalFor, DEFAULT_HTTP_LIMITS, headersTimeoutFor } from './http-limits.js';
import { gatewaySlice } from './module.js';

function httpLimitsFrom(env: NodeJS.ProcessEnv) {
  const configs = loadSlices(env, [gatewaySlice], { known: Object.keys(gatewaySlice.variables) });
  return (configs.get(gatewaySlice) as ReturnType<typeof gatewaySlice.toConfig>).httpLimits;
}

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    httpLimitsFrom(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the HTTP limits, from the environment', () => {
  it('default to seconds, not minutes', () => {
    expect(httpLimitsFrom({})).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, idleTimeoutMs: 5_000, maxConnections: 1024 });
    expect(httpLimitsFrom({})).toEqual(DEFAULT_HTTP_LIMITS);
  });

  it('reads each one from its variable', () => {
    expect(
      httpLimitsFrom({
        COFFER_HTTP_HEADERS_TIMEOUT_MS: '2000',
        COFFER_HTTP_REQUEST_TIMEOUT_MS: '15000',
        COFFER_HTTP_IDLE_TIMEOUT_MS: '65000',
        COFFER_HTTP_MAX_CONNECTIONS: '20000',
      }),
    ).toEqual({ headersTimeoutMs: 2_000, requestTimeoutMs: 15_000, idleTimeoutMs: 65_000, maxConnections: 20_000 });
  });

  it('refuses a timeout of zero (no timeout at all), a cap of zero and what is not a number, naming the variable and never the value', () => {
    const problems = problemsOf({
      COFFER_HTTP_HEADERS_TIMEOUT_MS: '0',
      COFFER_HTTP_REQUEST_TIMEOUT_MS: '30s',
      COFFER_HTTP_IDLE_TIMEOUT_MS: '-1',
      COFFER_HTTP_MAX_CONNECTIONS: '0',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^COFFER_HTTP_HEADERS_TIMEOUT_MS: expected an integer from 1 to /),
      expect.stringMatching(/^COFFER_HTTP_REQUEST_TIMEOUT_MS: expected an integer from 1 to /),
      expect.stringMatching(/^COFFER_HTTP_IDLE_TIMEOUT_MS: expected an integer from 1 to /),
      'COFFER_HTTP_MAX_CONNECTIONS: expected an integer from 1 to 1000000',
    ]);
    expect(problems.join('\n')).not.toContain('30s');
  });
});

describe('how the limits are enforced', () => {
  it('checks for requests past their timeouts often enough that a timeout holds to a tenth of itself, at most half a second late', () => {
    expect(checkIntervalFor(DEFAULT_HTTP_LIMITS)).toBe(500);
    expect(checkIntervalFor({ headersTimeoutMs: 2_000, requestTimeoutMs: 30_000 })).toBe(200);
    expect(checkIntervalFor({ headersTimeoutMs: 60_000, requestTimeoutMs: 300_000 })).toBe(500);
    expect(checkIntervalFor({ headersTimeoutMs: 30, requestTimeoutMs: 50 })).toBe(10);
  });

  it('never lets the headers take longer than the whole request', () => {
    expect(headersTimeoutFor(DEFAULT_HTTP_LIMITS)).toBe(10_000);
    expect(headersTimeoutFor({ headersTimeoutMs: 20_000, requestTimeoutMs: 5_000 })).toBe(5_000);
  });
});
