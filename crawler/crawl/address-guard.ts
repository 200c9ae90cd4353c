import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/** Why a request was refused, in words (shown on the page's row). */
export const PRIVATE_TARGET_REFUSED = 'refused: the target is a private, loopback or link-local address and the crawl did not start on one';

/** Error code the guard fails a connection with, so the fetcher can tell it from network trouble. */
export const PRIVATE_ADDRESS_CODE = 'ZMOT_PRIVATE_ADDRESS';

export class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
  constructor(readonly target: string) {
    super(`${PRIVATE_TARGET_REFUSED} (${target})`);
    this.name = 'PrivateAddressError';
  }
}

function ipv4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

/** IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry). */
const PRIVATE_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const PRIVATE_V4_RANGES = PRIVATE_V4.map(([base, bits]) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { net: (ipv4ToInt(base) & mask) >>> 0, mask };
});

function expandIpv6(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two 16-bit groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToInt(v4[1]);
    s = `${s.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(Math.max(0, fill)).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** True for loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast and unspecified addresses. */
export function isPrivateAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) {
    const n = ipv4ToInt(ip);
    return PRIVATE_V4_RANGES.some((r) => ((n & r.mask) >>> 0) === r.net);
  }
  if (kind === 6) {
    const g = expandIpv6(ip);
    if (!g) return true;
    if (g.every((x) => x === 0)) return true; // ::
    if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
    // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
    const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
    const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
    if (mapped || nat64) return isPrivateAddress(`${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`);
    if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
    if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
    if ((g[0] & 0xff00) === 0xff00) return true; // multicast
    if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
    return false;
  }
  return false;
}

/** Host names that always mean this machine or the local network. */
export function isLocalHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(h)) return isPrivateAddress(h);
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal') || h === 'metadata.google.internal';
}

export type LookupFn = typeof dnsLookup;

function lookupAll(hostname: string, lookup: LookupFn): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    lookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses as LookupAddress[])));
  });
}

/** Whether a start URL points at this machine or a private network (then private targets are fine). */
export async function isLocalTarget(url: string, lookup: LookupFn = dnsLookup): Promise<boolean> {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  if (isLocalHostname(hostname)) return true;
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return false;
  try {
    const addresses = await lookupAll(bare, lookup);
    return addresses.length > 0 && addresses.every((a) => isPrivateAddress(a.address));
  } catch {
    return false;
  }
}

export type PrivateNetworkPolicy = 'auto' | 'allow' | 'refuse';

/**
 * Keeps a crawl of a public site out of private networks: URLs naming a private host are refused
 * before any request, and names that resolve to private addresses are refused at connect time
 * (so DNS tricks cannot get round it). The start URL's own host is always allowed: the user asked for it.
 */
export class AddressGuard {
  private readonly exemptHosts = new Set<string>();
  constructor(
    readonly allowPrivate: boolean,
    exemptHosts: Iterable<string> = [],
    private readonly baseLookup: LookupFn = dnsLookup,
  ) {
    for (const h of exemptHosts) this.exemptHosts.add(h.toLowerCase().replace(/^\[|\]$/g, ''));
  }

  /** Resolves 'auto' against the start URL. */
  static async forStart(startUrl: string, policy: PrivateNetworkPolicy, lookup: LookupFn = dnsLookup): Promise<AddressGuard> {
    const allow = policy === 'allow' || (policy === 'auto' && (await isLocalTarget(startUrl, lookup)));
    return new AddressGuard(allow, [new URL(startUrl).hostname], lookup);
  }

  /** Refusal message for a URL whose host is literally private; null when it may be requested. */
  checkUrl(url: string): string | null {
    if (this.allowPrivate) return null;
    let hostname: string;
    try {
      hostname = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    } catch {
      return null;
    }
    if (this.exemptHosts.has(hostname)) return null;
    return isLocalHostname(hostname) ? `${PRIVATE_TARGET_REFUSED} (${hostname})` : null;
  }

  /** A dns.lookup replacement for the HTTP agent: fails names that resolve to private addresses. */
  readonly lookup: LookupFn = ((hostname: string, options: unknown, callback: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (err: Error | null, address?: unknown, family?: number) => void;
    const opts = (typeof options === 'function' ? {} : typeof options === 'number' ? { family: options } : (options ?? {})) as { all?: boolean; family?: number };
    this.baseLookup(hostname, { ...opts, all: true } as never, ((err: Error | null, addresses: LookupAddress[]) => {
      if (err) return cb(err);
      const host = hostname.toLowerCase();
      if (!this.allowPrivate && !this.exemptHosts.has(host) && addresses.some((a) => isPrivateAddress(a.address))) {
        return cb(new PrivateAddressError(hostname));
      }
      if (opts.all) return cb(null, addresses);
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
      cb(null, first.address, first.family);
    }) as never);
  }) as LookupFn;
}
