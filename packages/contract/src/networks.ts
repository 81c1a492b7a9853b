import { BlockList, isIP } from 'node:net';

/** Longest a CIDR allow-list of a token may be. */
export const MAX_ALLOWED_CIDRS = 32;

/**
 * Adds an address or a CIDR (IPv4 or IPv6) to `list`; false when `entry` is neither. A zone id
 * (`fe80::1%eth0`) names an interface of one host, never a network: refused.
 */
export function addNetwork(list: BlockList, entry: string): boolean {
  const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
  if (!match) return false;
  const [, address, prefixText] = match as unknown as [string, string, string | undefined];
  const version = isIP(address);
  if (version === 0 || address.includes('%')) return false;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(address, family);
    return true;
  }
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return false;
  list.addSubnet(address, prefix, family);
  return true;
}

export function isNetwork(entry: string): boolean {
  return addNetwork(new BlockList(), entry);
}

const lists = new Map<string, BlockList>();

/**
 * Whether `address` (as the gateway established it, trusted proxies only) is inside one of
 * `networks`; an empty allow-list allows every address, an unknown address none of a list.
 */
export function networksAllow(networks: readonly string[], address: string): boolean {
  if (networks.length === 0) return true;
  const version = isIP(address);
  if (version === 0) return false;
  const key = networks.join(',');
  let list = lists.get(key);
  if (!list) {
    list = new BlockList();
    for (const network of networks) addNetwork(list, network);
    // A handful of distinct allow-lists exist; bound the memo anyway.
    if (lists.size >= 1_000) lists.clear();
    lists.set(key, list);
  }
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
