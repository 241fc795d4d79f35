import type { NextConfig } from 'next';

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
};

export default config;
