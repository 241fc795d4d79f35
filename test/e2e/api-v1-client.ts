import { responseChecker } from './openapi-check.js';
import type { ResponseChecker } from './openapi-check.js';

/** One answer of `/api/v1`, already checked against the served OpenAPI document. */
export interface V1Answer {
  status: number;
  headers: Headers;
  /** The body exactly as sent (to compare replays byte for byte). */
  text: string;
  body: Record<string, unknown>;
}

/** A request to `/api/v1`: the path template as the document names it, and what fills it. */
export interface V1Request {
  method: 'GET' | 'POST' | 'PUT';
  /** e.g. `/staff/{id}/status`. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  /** The whole token (`allot_<id>.<secret>`); omitted: no Authorization header. */
  token?: string;
  /** A JSON value (sent as application/json) or raw text with `contentType`. */
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * A client for `/api/v1` that checks every answer against the document the app serves: its
 * status must be documented for the path and method, and its JSON body must match the schema
 * given there. `bodies` keeps every answer's text, so a test can search all of them.
 */
export class V1Client {
  readonly bodies: string[] = [];
  private constructor(
    readonly base: string,
    readonly doc: Record<string, unknown>,
    private readonly checker: ResponseChecker,
  ) {}

  /** Fetches the document (no token) and builds the checker. */
  static async open(base: string): Promise<V1Client> {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
    const doc = (await res.json()) as Record<string, unknown>;
    const client = new V1Client(base, doc, responseChecker(doc));
    const problems = client.checker.check('/openapi.json', 'GET', 200, doc);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return client;
  }

  /** Sends the request; throws when the answer does not match the document. */
  async call(req: V1Request): Promise<V1Answer> {
    let url = req.path;
    for (const [k, v] of Object.entries(req.params ?? {})) url = url.replace(`{${k}}`, encodeURIComponent(v));
    const qs = new URLSearchParams(Object.entries(req.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (req.token !== undefined) headers['authorization'] = `Bearer ${req.token}`;
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    } else if (req.text !== undefined) {
      body = req.text;
      headers['content-type'] ??= req.contentType ?? 'application/x-ndjson';
    }
    const res = await fetch(`${this.base}/api/v1${url}${qs === '' ? '' : `?${qs}`}`, { method: req.method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    this.bodies.push(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${req.method} ${req.path} → ${res.status}: not JSON: ${text.slice(0, 200)}`);
    }
    const problems = this.checker.check(req.path, req.method, res.status, parsed);
    if (problems.length > 0) throw new Error(`${req.method} ${url} → ${res.status} does not match the OpenAPI document:\n${problems.join('\n')}\n${text.slice(0, 500)}`);
    return { status: res.status, headers: res.headers, text, body: parsed as Record<string, unknown> };
  }

  /** Walks every page of `GET /decisions` with the filters, returning the decisions' log positions and the pages seen. */
  async walkDecisions(token: string, query: Record<string, string | number>): Promise<{ seqs: number[]; pages: number; items: Array<{ seq: number; decision: Record<string, unknown> }> }> {
    const items: Array<{ seq: number; decision: Record<string, unknown> }> = [];
    let after: number | null = null;
    let pages = 0;
    for (;;) {
      const page = await this.call({ method: 'GET', path: '/decisions', token, query: { ...query, ...(after === null ? {} : { after }) } });
      if (page.status !== 200) throw new Error(`decisions page: ${page.status} ${page.text}`);
      pages++;
      items.push(...(page.body['items'] as typeof items));
      after = page.body['next'] as number | null;
      if (after === null) break;
      if (pages > 1000) throw new Error('decisions: the cursor never ends');
    }
    return { seqs: items.map((i) => i.seq), pages, items };
  }
}
