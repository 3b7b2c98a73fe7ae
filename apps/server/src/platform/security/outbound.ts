import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * The outbound policy for requests the server makes to addresses users
 * configured (webhooks): http or https only, and never to this host, the
 * private networks, link-local addresses or cloud metadata endpoints (SSRF),
 * unless the operator allows private targets (ALLOW_PRIVATE_OUTBOUND=true, e.g.
 * a receiver on the same network). Addresses are checked on the address
 * actually connected to, so a name that resolves differently later is caught.
 */
export class OutboundRefused extends Error {
  readonly reason: 'scheme' | 'address' | 'url';
  constructor(reason: 'scheme' | 'address' | 'url', detail: string) {
    super(`outbound request refused (${reason}): ${detail}`);
    this.reason = reason;
  }
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including 169.254.169.254 metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local, including fd00:ec2::254 metadata
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** Is this address one the policy refuses (IPv4-mapped IPv6 is judged as its IPv4)? */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Checks a URL's form: http(s), a host, and no literal address the policy refuses. Throws OutboundRefused. */
export function assertOutboundUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('url', raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused('scheme', url.protocol);
  if (url.username || url.password) throw new OutboundRefused('url', 'credentials in URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isBlockedAddress(host))))
    throw new OutboundRefused('address', host);
  return url;
}

/** A DNS lookup that fails for addresses the policy refuses: checked on what the socket will connect to. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isBlockedAddress(a.address));
      if (refused) return callback(new OutboundRefused('address', `${hostname} → ${refused.address}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export interface OutboundResponse {
  status: number;
  body: string;
}

/**
 * POSTs a body under the outbound policy: no redirects followed, a time limit,
 * at most 64 KiB of the answer read. Throws OutboundRefused when the policy
 * refuses the target, any other error when the request fails.
 */
export function postOutbound(
  raw: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<OutboundResponse> {
  const url = assertOutboundUrl(raw, options.allowPrivate);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 65_536) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, 65_536) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('outbound request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
