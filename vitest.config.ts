import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (name: string): string => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@allot\/engine$/, replacement: pkg('engine') },
      { find: /^@allot\/store$/, replacement: pkg('store') },
      { find: /^@allot\/runtime$/, replacement: pkg('runtime') },
      { find: /^@allot\/cli$/, replacement: pkg('cli') },
      { find: /^@allot\/sheets$/, replacement: pkg('sheets') },
      { find: /^@allot\/sheets\/neutralize-cell$/, replacement: fileURLToPath(new URL('./packages/sheets/src/neutralize-cell.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/admin/features/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
