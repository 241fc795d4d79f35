/** The security headers of every path, and the Origin check with and without ALLOT_ORIGIN. */
import { afterEach, describe, expect, it } from 'vitest';
import config from '../../../next.config';
import { appOrigins, isLiteralHost, refuseCrossSite } from '../guard';

describe('security headers', () => {
  it('every path gets CSP with frame-ancestors none, nosniff and a referrer policy', async () => {
    const rules = (await config.headers?.()) ?? [];
    const all = rules.find((r) => r.source === '/:path*');
    const headers = Object.fromEntries((all?.headers ?? []).map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-frame-options']).toBe('DENY');
  });
});

describe('the Origin check without ALLOT_ORIGIN', () => {
  const saved = process.env['ALLOT_ORIGIN'];
  afterEach(() => {
    if (saved === undefined) delete process.env['ALLOT_ORIGIN'];
    else process.env['ALLOT_ORIGIN'] = saved;
  });
  const post = (host: string, origin: string): Request => new Request(`http://${host}/api/lang`, { method: 'POST', headers: { host, origin } });

  it('trusts the Host only when it is localhost or an IP address (no DNS rebinding)', () => {
    delete process.env['ALLOT_ORIGIN'];
    expect(refuseCrossSite(post('127.0.0.1:3000', 'http://127.0.0.1:3000'))).toBeNull();
    expect(refuseCrossSite(post('localhost:3000', 'http://localhost:3000'))).toBeNull();
    expect(refuseCrossSite(post('[::1]:3000', 'http://[::1]:3000'))).toBeNull();
    expect(refuseCrossSite(post('192.168.1.20:3000', 'http://192.168.1.20:3000'))).toBeNull();
    // A rebinding page: its own name as Host and Origin, pointed at this server.
    expect(refuseCrossSite(post('evil.example:3000', 'http://evil.example:3000'))?.status).toBe(403);
    expect(appOrigins(post('allot.example.com', 'http://allot.example.com'))).toEqual([]);
    expect(isLiteralHost('localhost.evil.example')).toBe(false);
  });

  it('with ALLOT_ORIGIN, only the configured origins', () => {
    process.env['ALLOT_ORIGIN'] = 'https://allot.example.com';
    expect(refuseCrossSite(post('allot.example.com', 'https://allot.example.com'))).toBeNull();
    expect(refuseCrossSite(post('127.0.0.1:3000', 'http://127.0.0.1:3000'))?.status).toBe(403);
  });
});
