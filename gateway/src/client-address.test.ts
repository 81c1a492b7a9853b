import { describe, expect, it } from 'vitest';
import { ConfigError, loadSlices } from '@coffer/config';
import { clientAddressOf, MAX_FORWARDED_HOPS, normalizeAddress, parseTrustedProxies } from './client-address.js';
import { gatewaySlice } from './module.js';

const trusted = (raw: string) => {
  const list = parseTrustedProxies(raw);
  if (!list) throw new Error(`not a valid list: ${raw}`);
  return list;
};

describe('COFFER_TRUSTED_PROXIES', () => {
  it('takes IPv4 and IPv6 addresses and CIDRs, and the names loopback, linklocal and uniquelocal, with spaces around commas', () => {
    const list = trusted(' 203.0.113.7 , 10.1.0.0/16,2001:db8::/32, loopback');
    expect(list.check('203.0.113.7', 'ipv4')).toBe(true);
    expect(list.check('203.0.113.8', 'ipv4')).toBe(false);
    expect(list.check('10.1.200.3', 'ipv4')).toBe(true);
    expect(list.check('10.2.0.1', 'ipv4')).toBe(false);
    expect(list.check('2001:db8:ffff::1', 'ipv6')).toBe(true);
    expect(list.check('2001:db9::1', 'ipv6')).toBe(false);
    expect(list.check('127.0.0.53', 'ipv4')).toBe(true);
    expect(list.check('::1', 'ipv6')).toBe(true);
    const named = trusted('uniquelocal,linklocal');
    for (const address of ['10.9.9.9', '172.16.0.1', '192.168.1.1', '169.254.1.1']) expect(named.check(address, 'ipv4'), address).toBe(true);
    for (const address of ['fd00::1', 'fe80::1']) expect(named.check(address, 'ipv6'), address).toBe(true);
    expect(named.check('8.8.8.8', 'ipv4')).toBe(false);
  });

  it.each(['10.0.0.0/33', '::/129', 'proxy.internal', '10.0.0.1,,10.0.0.2', '10.0.0.1/', '1.2.3', '010.0.0.1', 'fe80::1%eth0', '*', 'constructor', ''])(
    'refuses %j',
    (raw) => expect(parseTrustedProxies(raw)).toBeUndefined(),
  );

  it('stops the start with a problem naming the variable, never repeating its value', () => {
    let problems: readonly string[] = [];
    try {
      loadSlices({ COFFER_TRUSTED_PROXIES: '10.0.0.0/8,secret-proxy-name' }, [gatewaySlice], { known: Object.keys(gatewaySlice.variables) });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^COFFER_TRUSTED_PROXIES: expected IP addresses or CIDRs/);
    expect(problems[0]).not.toContain('secret-proxy-name');
  });

  it('is unset by default: no proxy is trusted', () => {
    const configs = loadSlices({}, [gatewaySlice], { known: Object.keys(gatewaySlice.variables) });
    expect((configs.get(gatewaySlice) as ReturnType<typeof gatewaySlice.toConfig>).trustedProxies).toBeUndefined();
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['garbage', ''],
    ['unknown', ''],
    ['203.0.113.9 ', ''],
    ['[203.0.113.9', ''],
    ['1.2.3.4:99999999', ''],
    ['', ''],
  ])('%j → %j', (raw, expected) => expect(normalizeAddress(raw)).toBe(expected));
});

describe('the client address', () => {
  const proxies = trusted('127.0.0.1,10.0.0.0/8');

  it('is the socket peer when no proxy is trusted: X-Forwarded-For is ignored entirely', () => {
    expect(clientAddressOf('127.0.0.1', '198.51.100.1', undefined)).toBe('127.0.0.1');
    expect(clientAddressOf('::ffff:127.0.0.1', undefined, undefined)).toBe('127.0.0.1');
  });

  it('is the socket peer when the peer is not a trusted proxy, whatever it claims', () => {
    expect(clientAddressOf('198.51.100.50', '198.51.100.1', proxies)).toBe('198.51.100.50');
  });

  it('is the address a trusted proxy received the request from', () => {
    expect(clientAddressOf('127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddressOf('::ffff:127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
  });

  it('walks a chain of trusted proxies from the right and never believes what the client wrote left of it', () => {
    expect(clientAddressOf('127.0.0.1', '203.0.113.66, 198.51.100.1, 10.0.0.7, 10.0.0.8', proxies)).toBe('198.51.100.1');
    expect(clientAddressOf('127.0.0.1', '10.0.0.1,198.51.100.1', proxies)).toBe('198.51.100.1');
  });

  it('is the leftmost entry when every hop is a trusted proxy', () => {
    expect(clientAddressOf('127.0.0.1', '10.0.0.3, 10.0.0.2', proxies)).toBe('10.0.0.3');
  });

  it('stops at the last trusted proxy when an entry is not an address', () => {
    expect(clientAddressOf('127.0.0.1', 'garbage', proxies)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', '198.51.100.1, garbage, 10.0.0.2', proxies)).toBe('10.0.0.2');
    expect(clientAddressOf('127.0.0.1', '', proxies)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', ',,,', proxies)).toBe('127.0.0.1');
  });

  it('reads IPv6 hops with zone ids, brackets, ports and spaces in one spelling', () => {
    expect(clientAddressOf('127.0.0.1', ' fe80::1%eth0 ', proxies)).toBe('fe80::1');
    expect(clientAddressOf('127.0.0.1', '[2001:db8::5]:8443', proxies)).toBe('2001:db8::5');
    expect(clientAddressOf('127.0.0.1', '198.51.100.1:1234', proxies)).toBe('198.51.100.1');
  });

  it(`reads at most ${MAX_FORWARDED_HOPS} hops of a header of a thousand entries, and quickly`, () => {
    const spoofed = Array.from({ length: 1000 }, (_, i) => `198.51.${i >> 8}.${i & 255}`).join(', ');
    const started = performance.now();
    for (let i = 0; i < 1000; i++) expect(clientAddressOf('127.0.0.1', `${spoofed}, 198.51.100.200`, proxies)).toBe('198.51.100.200');
    expect(performance.now() - started).toBeLessThan(500);
    const allTrusted = Array.from({ length: 1000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(',');
    expect(clientAddressOf('127.0.0.1', allTrusted, proxies)).toBe(`10.0.3.${231 - MAX_FORWARDED_HOPS + 1}`);
  });
});
