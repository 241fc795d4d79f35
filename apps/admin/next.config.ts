import type { NextConfig } from 'next';

/**
 * The response headers every page and route answers with (`headers()` below;
 * docs/security.md "Headers"). The app has no middleware, so the CSP cannot carry a per-request
 * nonce: Next.js's inline bootstrap scripts need `'unsafe-inline'` for scripts. Everything is
 * loaded from the app itself (Monaco and its workers are bundled), nothing from another origin,
 * and no page may be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'unsafe-eval': the editor validates in the browser with the engine's ajv validator, which
  // compiles the policy JSON Schema into a function (new Function).
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Name → value of every security header. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on a form post, which the
  // cross-site check must refuse; same-origin sends nothing to any other site.
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages run from node_modules as they are: PGlite ships WASM and data files,
  // and one copy of the store/runtime modules is shared by every route.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@allot/store', '@allot/runtime', '@allot/sheets', 'exceljs', 'read-excel-file', 'iconv-lite', 'kysely', 'hash-wasm'],
  experimental: {
    // `forbidden()` renders app/forbidden.tsx with status 403 for a page the role may not open.
    authInterrupts: true,
  },
  // CSP, no framing, no sniffing, no referrer on every page, route and asset (SECURITY_HEADERS above).
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default config;
