import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { assertOutboundUrl, isBlockedAddress, OutboundRefused, postOutbound } from './outbound.ts';

describe('outbound policy', () => {
  it('blocks loopback, private, link-local, metadata and mapped addresses, and lets public ones through', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isBlockedAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '203.0.113.50', '2001:4860:4860::8888', '::ffff:8.8.4.4']) expect(isBlockedAddress(a), a).toBe(false);
  });

  it('accepts only http and https URLs without credentials', () => {
    expect(() => assertOutboundUrl('file:///etc/passwd', false)).toThrow(OutboundRefused);
    expect(() => assertOutboundUrl('https://user:pw@example.com/', false)).toThrow(OutboundRefused);
    expect(() => assertOutboundUrl('http://[::1]:8080/', false)).toThrow(OutboundRefused);
    expect(assertOutboundUrl('https://ci.example.com/hook', false).hostname).toBe('ci.example.com');
  });

  it('refuses a name that resolves to a blocked address at connect time, unless private targets are allowed', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // A name that is not "localhost" but resolves to loopback (this machine's own name) is caught when connecting.
      await expect(postOutbound(`http://${hostname()}:${port}/`, '{}', {}, { allowPrivate: false })).rejects.toBeInstanceOf(
        OutboundRefused,
      );
      expect(await postOutbound(`http://localhost:${port}/`, '{}', {}, { allowPrivate: true })).toEqual({ status: 200, body: 'ok' });
    } finally {
      server.close();
    }
  });
});
