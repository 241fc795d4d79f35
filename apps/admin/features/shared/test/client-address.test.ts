/**
 * The client's address: the socket's by default, X-Forwarded-For only through configured proxies.
 */
import { createServer, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, installPeerHeader, parseTrustedProxies, PEER_HEADER } from '../client-address';

const req = (headers: Record<string, string>): Request => new Request('http://app.test/api/auth/sign-in', { headers });

describe('client address', () => {
  const saved = process.env['ALLOT_TRUSTED_PROXIES'];
  afterEach(() => {
    if (saved === undefined) delete process.env['ALLOT_TRUSTED_PROXIES'];
    else process.env['ALLOT_TRUSTED_PROXIES'] = saved;
  });

  it('is the socket address by default: a client-sent X-Forwarded-For is ignored', () => {
    delete process.env['ALLOT_TRUSTED_PROXIES'];
    expect(clientAddress(req({ [PEER_HEADER]: '203.0.113.9', 'x-forwarded-for': '1.2.3.4' }))).toBe('203.0.113.9');
    expect(clientAddress(req({ [PEER_HEADER]: '::ffff:203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddress(req({ 'x-forwarded-for': '1.2.3.4' }))).toBe('unknown');
  });

  it('follows X-Forwarded-For only through configured proxies, hop by hop from the right', () => {
    process.env['ALLOT_TRUSTED_PROXIES'] = '10.0.0.1, 10.1.0.0/16';
    // The proxy saw 198.51.100.4; whatever the client wrote before that is not believed.
    expect(clientAddress(req({ [PEER_HEADER]: '10.0.0.1', 'x-forwarded-for': '6.6.6.6, 198.51.100.4' }))).toBe('198.51.100.4');
    // Two trusted proxies in a row.
    expect(clientAddress(req({ [PEER_HEADER]: '10.0.0.1', 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.1.2.3' }))).toBe('198.51.100.4');
    // A peer that is not a configured proxy: its header is not believed.
    expect(clientAddress(req({ [PEER_HEADER]: '192.0.2.8', 'x-forwarded-for': '6.6.6.6' }))).toBe('192.0.2.8');
  });

  it('refuses a malformed proxy list', () => {
    expect(() => parseTrustedProxies('10.0.0.1, proxy.example')).toThrow(/proxy\.example/);
    expect(() => parseTrustedProxies('10.0.0.0/40')).toThrow(/prefix/);
  });

  it('the server stamps the TCP peer on every request, over a header the client forged', async () => {
    class TestServer extends Server {}
    installPeerHeader(TestServer.prototype);
    let seen: string | string[] | undefined;
    const server = createServer();
    Object.setPrototypeOf(server, TestServer.prototype);
    server.on('request', (r, res) => {
      seen = r.headers[PEER_HEADER];
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const r = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { [PEER_HEADER]: '6.6.6.6', 'x-forwarded-for': '6.6.6.6' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      r.on('error', reject);
      r.end();
    });
    await new Promise((r) => server.close(r));
    expect(seen).toBe('127.0.0.1');
  });
});
