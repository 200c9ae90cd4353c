import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressGuard, isLocalHostname, isLocalTarget, isPrivateAddress, type LookupFn } from '../../../crawler/crawl/address-guard.ts';

/** A DNS stand-in: names → addresses, so no test touches real DNS. */
function fakeLookup(table: Record<string, string[]>): LookupFn {
  return ((hostname: string, options: unknown, callback: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (e: Error | null, a?: LookupAddress[] | string, f?: number) => void;
    const addresses = table[hostname];
    if (!addresses) return cb(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const list = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if ((options as { all?: boolean })?.all) cb(null, list);
    else cb(null, list[0].address, list[0].family);
  }) as LookupFn;
}

describe('private address detection', () => {
  it('flags loopback, RFC 1918, link-local, CGNAT and cloud metadata addresses', () => {
    for (const ip of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
  });

  it('flags IPv6 loopback, unique-local, link-local and IPv4-mapped private addresses', () => {
    for (const ip of ['::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const ip of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });

  it('knows local host names', () => {
    expect(isLocalHostname('localhost')).toBe(true);
    expect(isLocalHostname('api.localhost')).toBe(true);
    expect(isLocalHostname('[::1]')).toBe(true);
    expect(isLocalHostname('example.com')).toBe(false);
  });
});

describe('start URL locality', () => {
  const lookup = fakeLookup({ 'intranet.test': ['10.0.0.5'], 'www.example.com': ['93.184.216.34'], 'mixed.test': ['10.0.0.5', '93.184.216.34'] });

  it('is local for loopback and private targets, by address or by name', async () => {
    expect(await isLocalTarget('http://127.0.0.1:8080/', lookup)).toBe(true);
    expect(await isLocalTarget('http://localhost:3000/', lookup)).toBe(true);
    expect(await isLocalTarget('http://intranet.test/', lookup)).toBe(true);
  });

  it('is public when any address is public or the name does not resolve', async () => {
    expect(await isLocalTarget('https://www.example.com/', lookup)).toBe(false);
    expect(await isLocalTarget('https://mixed.test/', lookup)).toBe(false);
    expect(await isLocalTarget('https://nowhere.test/', lookup)).toBe(false);
  });
});

describe('AddressGuard', () => {
  const lookup = fakeLookup({ 'www.example.com': ['93.184.216.34'], 'evil.example.com': ['169.254.169.254'], 'cdn.example.com': ['93.184.216.35'] });

  it('refuses private hosts named in URLs when the crawl started on a public site', async () => {
    const guard = await AddressGuard.forStart('https://www.example.com/', 'auto', lookup);
    expect(guard.allowPrivate).toBe(false);
    expect(guard.checkUrl('http://169.254.169.254/latest/meta-data/')).toMatch(/refused/);
    expect(guard.checkUrl('http://localhost:8080/admin')).toMatch(/refused/);
    expect(guard.checkUrl('http://[::1]/')).toMatch(/refused/);
    expect(guard.checkUrl('https://cdn.example.com/a')).toBeNull();
  });

  it('refuses public names that resolve to private addresses (DNS tricks)', async () => {
    const guard = await AddressGuard.forStart('https://www.example.com/', 'auto', lookup);
    const result = await new Promise<{ err: Error | null }>((resolve) => guard.lookup('evil.example.com', { all: true }, (err) => resolve({ err })));
    expect(result.err?.message).toMatch(/refused/);
    const ok = await new Promise<{ err: Error | null; addresses: unknown }>((resolve) => guard.lookup('cdn.example.com', { all: true }, (err, addresses) => resolve({ err, addresses })));
    expect(ok.err).toBeNull();
  });

  it('allows private targets when the crawl itself starts on one', async () => {
    const guard = await AddressGuard.forStart('http://127.0.0.1:4000/', 'auto', lookup);
    expect(guard.allowPrivate).toBe(true);
    expect(guard.checkUrl('http://localhost:4001/')).toBeNull();
  });

  it('always allows the start host, even under the refuse policy', async () => {
    const guard = await AddressGuard.forStart('http://127.0.0.1:4000/', 'refuse', lookup);
    expect(guard.checkUrl('http://127.0.0.1:4000/page')).toBeNull();
    expect(guard.checkUrl('http://localhost:4000/page')).toMatch(/refused/);
  });
});
