/**
 * Request bodies read as a stream with a byte limit (docs/security.md "Body limits"): a
 * `Content-Length` over the limit is refused before anything is read, and a body without one
 * (chunked) is refused at the first chunk past the limit, so no request holds more than the
 * limit in memory. Every route handler that reads a body reads it through here.
 */

/** The default limit of a JSON body of the app's own pages. */
export const DEFAULT_BODY_LIMIT = 512 * 1024;
/** The limit of a sign-in, sign-out or language form. */
export const FORM_BODY_LIMIT = 16 * 1024;

/** A body, or why it was not read. */
export type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'too_large' | 'unreadable'; limit: number };

/** Reads the body of `request`, at most `limit` bytes (see the file comment). */
export async function readBodyBytes(request: Request, limit: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > limit)) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: /^\d+$/.test(declared.trim()) ? 'too_large' : 'unreadable', limit };
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(new ArrayBuffer(0)) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large', limit };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable', limit };
  }
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

/** The body as UTF-8 text (malformed sequences become U+FFFD), at most `limit` bytes. */
export async function readBodyText(request: Request, limit: number): Promise<{ ok: true; text: string } | Extract<BodyRead, { ok: false }>> {
  const read = await readBodyBytes(request, limit);
  return read.ok ? { ok: true, text: new TextDecoder().decode(read.bytes) } : read;
}

/** The 413 (or 400) answer to a body that was not read. */
export function bodyRefusal(read: Extract<BodyRead, { ok: false }>): Response {
  const body =
    read.reason === 'too_large'
      ? { error: 'payload_too_large', limit: read.limit, message: { zh: `请求体超过 ${read.limit} 字节的上限`, en: `the request body is over the limit of ${read.limit} bytes` } }
      : { error: 'bad_request', message: { zh: '无法读取请求体', en: 'the request body could not be read' } };
  return new Response(JSON.stringify(body), { status: read.reason === 'too_large' ? 413 : 400, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

/** A form body (url-encoded or multipart) of at most `limit` bytes, as its fields; a refusal otherwise. */
export async function readForm(request: Request, limit = FORM_BODY_LIMIT): Promise<{ ok: true; fields: Record<string, unknown> } | { ok: false; response: Response }> {
  const read = await readBodyBytes(request, limit);
  if (!read.ok) return { ok: false, response: bodyRefusal(read) };
  try {
    const form = await new Response(read.bytes, { headers: { 'content-type': request.headers.get('content-type') ?? 'application/x-www-form-urlencoded' } }).formData();
    return { ok: true, fields: Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) };
  } catch {
    return { ok: false, response: bodyRefusal({ ok: false, reason: 'unreadable', limit }) };
  }
}
