/**
 * Request bodies read as a stream with a limit, and no route handler reading a body any other way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST as signIn } from '../../../app/api/auth/sign-in/route';
import { POST as setLang } from '../../../app/api/lang/route';
import { readBodyBytes } from '../body-limit';
import { LARGEST_BODY, refuseLargeBody } from '../client-address';

/** A body that never ends: 64 KiB chunks for as long as anyone reads; counts what was pulled. */
function endless(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(97);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const post = (path: string, body: BodyInit, headers: Record<string, string>): NextRequest =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { method: 'POST', headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', ...headers }, body, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1]);

describe('request bodies are read as a stream with a limit', () => {
  it('stops reading a body without Content-Length at the first chunk past the limit', async () => {
    const { stream, pulled } = endless();
    const read = await readBodyBytes(new Request('http://app.test/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit), 100_000);
    expect(read).toMatchObject({ ok: false, reason: 'too_large' });
    expect(pulled()).toBeLessThan(100_000 + 4 * 64 * 1024);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const { stream, pulled } = endless();
    const read = await readBodyBytes(new Request('http://app.test/', { method: 'POST', body: stream, headers: { 'content-length': '100000000' }, duplex: 'half' } as RequestInit), 1000);
    expect(read).toMatchObject({ ok: false, reason: 'too_large' });
    expect(pulled()).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('sign-in and the language switch answer 413 to an endless body', async () => {
    for (const [handler, path, type] of [
      [signIn, '/api/auth/sign-in', 'application/json'],
      [signIn, '/api/auth/sign-in', 'application/x-www-form-urlencoded'],
      [setLang, '/api/lang', 'application/x-www-form-urlencoded'],
    ] as const) {
      const { stream, pulled } = endless();
      const res = await handler(post(path, stream, { 'content-type': type }));
      expect(res.status, `${path} ${type}`).toBe(413);
      expect(pulled()).toBeLessThan(1024 * 1024);
    }
  });

  it('no route handler reads a body except through the limited readers', () => {
    const app = fileURLToPath(new URL('../../../app/', import.meta.url));
    const features = fileURLToPath(new URL('../../', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) {
          if (e !== 'test' && e !== 'node_modules') walk(p);
        } else if (/\.tsx?$/.test(e)) files.push(p);
      }
    };
    walk(app);
    walk(features);
    const unbounded = files.filter((f) => /\b(request|req)\.(text|json|formData|arrayBuffer|blob)\(\)/.test(readFileSync(f, 'utf8')));
    expect(unbounded).toEqual([]);
  });

  it('the server answers 413 to a declared body over the largest limit before any route runs', async () => {
    let routed = false;
    const server = createServer((req, res) => {
      if (refuseLargeBody(req, res)) return;
      routed = true;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const r = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/sign-in', headers: { 'content-length': String(LARGEST_BODY + 1) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', () => undefined);
      r.write('x');
      setTimeout(() => reject(new Error('no answer')), 5000);
    });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    expect(status).toBe(413);
    expect(routed).toBe(false);
  });
});
