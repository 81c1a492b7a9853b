import { BlockList, isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { addNetwork } from '@coffer/contract';

/** The names Express's `trust proxy` (proxy-addr) accepts, as the ranges they stand for. */
const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * How many X-Forwarded-For entries are read, from the right: a chain of trusted proxies is a few
 * hops long, and a header of a thousand entries costs no more than this.
 */
export const MAX_FORWARDED_HOPS = 16;

/** The proxies whose X-Forwarded-For is believed; `undefined` when none is (the header is ignored). */
export type TrustedProxies = BlockList | undefined;

/**
 * `COFFER_TRUSTED_PROXIES`: addresses and CIDRs (IPv4 and IPv6) separated by commas, and the names
 * `loopback`, `linklocal`, `uniquelocal`. Undefined when any entry is not one of them.
 */
export function parseTrustedProxies(raw: string): BlockList | undefined {
  const list = new BlockList();
  for (const part of raw.split(',')) {
    const entry = part.trim();
    const name = entry.toLowerCase();
    const added = Object.hasOwn(NAMED_RANGES, name) ? NAMED_RANGES[name]!.every((range) => addNetwork(list, range)) : addNetwork(list, entry);
    if (!added) return undefined;
  }
  return list;
}

/** The config variable; the message never repeats the value. */
export const trustedProxiesVariable = () =>
  z.string().transform((raw, ctx) => {
    const list = parseTrustedProxies(raw);
    if (list === undefined) {
      ctx.addIssue('expected IP addresses or CIDRs (IPv4 or IPv6) separated by commas, or loopback, linklocal, uniquelocal');
      return z.NEVER;
    }
    return list;
  });

const MAPPED_IPV4 = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_WITH_PORT = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}):\d{1,5}$/;

/**
 * An address as a proxy or the socket writes it, in one spelling per host: an IPv4-mapped IPv6
 * address becomes IPv4, a zone id (`%eth0`) is dropped, and so are brackets and a port, which some
 * proxies add. Empty when it is no IP address at all.
 */
export function normalizeAddress(raw: string): string {
  const version = isIP(raw);
  if (version === 4) return raw;
  if (version === 6) {
    const zone = raw.indexOf('%');
    const address = zone === -1 ? raw : raw.slice(0, zone);
    return MAPPED_IPV4.exec(address)?.[1] ?? address;
  }
  const inner = BRACKETED.exec(raw)?.[1] ?? IPV4_WITH_PORT.exec(raw)?.[1];
  return inner !== undefined && isIP(inner) !== 0 ? normalizeAddress(inner) : '';
}

const isTrusted = (trusted: BlockList, address: string) => trusted.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');

/**
 * Who sent the request. The socket's peer, unless it is a trusted proxy: then X-Forwarded-For is
 * read from the right (each proxy appends the address it received the request from), hop by hop,
 * while the hop is itself a trusted proxy; the first hop that is not is the client. Entries left of
 * it were written by the client and are never believed. An entry that is no address stops the walk
 * at the last address a trusted proxy vouched for (that proxy's own).
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  let address = normalizeAddress(peer ?? '');
  if (trusted === undefined || forwardedFor === undefined || address === '' || !isTrusted(trusted, address)) return address;
  let end = forwardedFor.length;
  for (let hops = 0; hops < MAX_FORWARDED_HOPS && end >= 0; hops++) {
    const start = forwardedFor.lastIndexOf(',', end - 1);
    const hop = normalizeAddress(forwardedFor.slice(start + 1, end).trim());
    if (hop === '') return address;
    address = hop;
    if (!isTrusted(trusted, address)) return address;
    end = start;
  }
  return address;
}

/**
 * Determines the client's address once per request, as `res.locals.clientAddress`: the rate
 * limits and the audit trail use it. Without trusted proxies X-Forwarded-For is ignored entirely.
 */
export function clientAddress(trusted: TrustedProxies): RequestHandler {
  return (req, res, next) => {
    // Node joins repeated X-Forwarded-For fields into one value, separated by commas, as the header means.
    const forwardedFor = trusted === undefined ? undefined : req.headers['x-forwarded-for'];
    res.locals.clientAddress = clientAddressOf(req.socket.remoteAddress, typeof forwardedFor === 'string' ? forwardedFor : undefined, trusted);
    next();
  };
}
