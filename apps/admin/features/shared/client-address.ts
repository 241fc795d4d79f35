import { BlockList, isIP } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as HttpServer } from 'node:http';

/**
 * The client's address, for throttling (docs/security.md "Client addresses").
 *
 * The address is the TCP peer's, which the server stamps on every request as
 * {@link PEER_HEADER} (see {@link installPeerHeader}; a client-sent header of that name is
 * replaced). `X-Forwarded-For` is believed only hop by hop from proxies listed in
 * `ALLOT_TRUSTED_PROXIES` (addresses or CIDR ranges, comma-separated): from the peer
 * backwards, each trusted hop hands over to the address it names; the first untrusted one is
 * the client. With no proxies configured the client is the socket address and any
 * `X-Forwarded-For` is ignored.
 */

/** The request header carrying the TCP peer's address, set by the server itself. */
export const PEER_HEADER = 'x-allot-peer';

/** `::ffff:1.2.3.4` → `1.2.3.4`; trims and drops an IPv6 zone. */
export function normalizeAddress(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return (mapped?.[1] ?? a).toLowerCase();
}

/** Parses `ALLOT_TRUSTED_PROXIES` (`10.0.0.1, 10.1.0.0/16, ::1`). Throws on an entry that is not an address or a range. */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (spec ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [addr = '', bits] = entry.split('/');
    const address = normalizeAddress(addr);
    const family = isIP(address);
    if (family === 0) throw new Error(`ALLOT_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`ALLOT_TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(address, prefix, type);
    }
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

let cached: { spec: string | undefined; list: BlockList } | undefined;

/** The configured proxies (re-read when the variable changes, as tests do). */
export function trustedProxies(): BlockList {
  const spec = process.env['ALLOT_TRUSTED_PROXIES'];
  if (cached === undefined || cached.spec !== spec) cached = { spec, list: parseTrustedProxies(spec) };
  return cached.list;
}

/** The client's address of a request (see the file comment); `unknown` when the server did not stamp a peer. */
export function clientAddress(request: Request, proxies: BlockList = trustedProxies()): string {
  const peer = request.headers.get(PEER_HEADER);
  if (peer === null || peer.trim() === '') return 'unknown';
  let address = normalizeAddress(peer);
  const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map(normalizeAddress).filter((h) => h !== '');
  while (isTrusted(proxies, address) && hops.length > 0) address = hops.pop() ?? address;
  return address;
}

const INSTALLED = Symbol.for('allot.peer-header');

/**
 * A declared body larger than this is refused before any route runs: twice the largest route
 * limit (the event batches' 8 MiB), so every route still answers its own limit in its own words.
 */
export const LARGEST_BODY = 16 * 1024 * 1024;

/**
 * Answers 413 at once to a request whose `Content-Length` is over {@link LARGEST_BODY}, before
 * any route sees it (each route still reads its body as a stream with its own, smaller limit:
 * features/shared/body-limit.ts). Returns true when it answered.
 */
export function refuseLargeBody(req: IncomingMessage, res: ServerResponse): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined || !(Number(declared) > LARGEST_BODY)) return false;
  const body = JSON.stringify({ error: 'payload_too_large', limit: LARGEST_BODY, message: { zh: `请求体超过 ${LARGEST_BODY} 字节的上限`, en: `the request body is over the limit of ${LARGEST_BODY} bytes` } });
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
  req.resume();
  return true;
}

/** Stamps one request with its TCP peer, replacing whatever the client sent under that name. */
export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
}

/**
 * Makes every HTTP server of this process stamp {@link PEER_HEADER} on each request before its
 * handler runs (and refuse a declared body over {@link LARGEST_BODY}: {@link refuseLargeBody}). Next.js sets `X-Forwarded-For` to the socket address only when the client sent
 * none, and gives route handlers no socket: this is how they learn the peer. Called once from
 * `instrumentation.ts`.
 */
export function installPeerHeader(prototype: Server = HttpServer.prototype): void {
  const proto = prototype as Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  const wrapped = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      if (refuseLargeBody(req, args[1] as ServerResponse)) return true;
      stampPeer(req);
    }
    return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  };
  proto.emit = wrapped as Server['emit'];
}
