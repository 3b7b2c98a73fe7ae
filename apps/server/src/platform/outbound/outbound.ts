import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { AppError } from '../http/errors.ts';

/**
 * Calls the server makes to addresses an Administrator typed in (the SMS
 * gateway, webhooks) go through here. Only http(s) is allowed, and unless the
 * operator says otherwise (ALLOW_PRIVATE_OUTBOUND=true, for development and
 * tests) no call may reach loopback, private, link-local (cloud metadata at
 * 169.254.169.254), shared, multicast or reserved addresses — checked on the
 * address actually connected to, after DNS resolution, on every request, so
 * a name that later resolves elsewhere (DNS rebinding) is caught too.
 */
export interface OutboundPolicy {
  allowPrivate: boolean;
}

export const outboundPolicyOf = (env: { ALLOW_PRIVATE_OUTBOUND: 'true' | 'false' }): OutboundPolicy => ({
  allowPrivate: env.ALLOW_PRIVATE_OUTBOUND === 'true',
});

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 reaches IPv4 addresses
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local (also fd00:ec2::254, AWS metadata)
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is one no outbound call may reach without the operator's permission. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  return blocked.check(address, 'ipv6');
}

const refused = (reason: string) => new AppError(400, 'OUTBOUND_NOT_ALLOWED', { reason });

function parse(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw refused('scheme');
  if (parsed.username || parsed.password) throw refused('credentials');
  return parsed;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * Refuses (400 OUTBOUND_NOT_ALLOWED) a URL the policy does not allow: another
 * scheme than http(s), or a host that is or resolves to a private address.
 * Use it when an address is saved; outboundFetch checks again on every call.
 */
export async function assertOutboundAllowed(url: string | URL, policy: OutboundPolicy): Promise<URL> {
  const parsed = parse(url);
  if (policy.allowPrivate) return parsed;
  const host = hostOf(parsed);
  // A name that does not resolve now is not refused here: the call itself resolves it again and checks.
  const addresses = isIP(host) ? [{ address: host }] : await resolveAll(host).catch(() => []);
  if (addresses.some((a) => isPrivateAddress(a.address))) throw refused('private');
  return parsed;
}

/** A DNS lookup for sockets that fails when the name resolves to an address the policy refuses. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address))) {
      return callback(Object.assign(new Error('OUTBOUND_NOT_ALLOWED'), { code: 'OUTBOUND_NOT_ALLOWED' }), '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

export interface OutboundResponse {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP request under the policy: the address connected to is checked
 * after resolution, redirects are not followed (a 3xx is an answer like any
 * other), the answer is read up to 64 KB and the call ends after `timeoutMs`.
 */
export async function outboundFetch(
  url: string | URL,
  init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
  policy: OutboundPolicy,
): Promise<OutboundResponse> {
  const parsed = await assertOutboundAllowed(url, policy);
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      parsed,
      {
        method: init.method,
        headers: init.headers,
        timeout: init.timeoutMs ?? 10_000,
        ...(policy.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 64 * 1024) chunks.push(chunk);
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = String(value);
          resolve({ status, ok: status >= 200 && status < 300, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('outbound request timed out')));
    req.on('error', (error: Error & { code?: string }) => reject(error.code === 'OUTBOUND_NOT_ALLOWED' ? refused('private') : error));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
