// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports and globals that would make the engine impure (DESIGN.md "Boundaries"). */
const engineImpurity = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*'], message: 'The engine is pure and browser-safe: no node: modules.' },
        { group: ['@allot/*'], message: 'The engine imports only json-rules-engine, ajv and its own files.' },
      ],
      paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'process', 'worker_threads', 'perf_hooks'].map((name) => ({
        name,
        message: 'The engine does no I/O and reads no clock.',
      })),
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'The engine reads no environment.' },
    { name: 'console', message: 'The engine prints nothing; return data instead.' },
    { name: 'performance', message: 'The engine reads no clock: time is an input.' },
    { name: 'setTimeout', message: 'The engine is synchronous and clock-free.' },
    { name: 'setInterval', message: 'The engine is synchronous and clock-free.' },
    { name: 'fetch', message: 'The engine does no I/O.' },
    { name: 'require', message: 'ES modules only.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No Date.now() in the engine: time is an input (asOf / event at).' },
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No new Date() in the engine: time is an input.' },
    { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No randomness in the engine: results must be deterministic.' },
    { selector: "CallExpression[callee.object.name='crypto']", message: 'No crypto globals in the engine.' },
    { selector: 'TSEnumDeclaration', message: 'No TS enums: use string unions from as-const arrays.' },
  ],
};

/** The admin app's features (apps/admin/features/<name>/); `shared` is not one of them. */
const ADMIN_FEATURES = ['policies', 'what-if', 'audit', 'people', 'clients', 'access', 'reports', 'api-v1', 'tokens', 'users', 'auth', 'me', 'imports', 'integrations', 'appeals'];

/**
 * One config block per folder under apps/admin/features: its files may import `shared/` and the
 * packages freely, and another feature only through that feature's `index.ts` (or, for browser
 * code, its `client.ts`), never a file behind it (docs/admin.md "Layout").
 */
const featureBoundaries = ['shared', ...ADMIN_FEATURES].map((feature) => {
  const others = ADMIN_FEATURES.filter((f) => f !== feature);
  return {
    files: [`apps/admin/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(features/)?(${others.join('|')})/(?!(index|client)$).+`,
              message: 'Another feature is imported only through its index.ts (client.ts for browser code): add what you need there.',
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'test/bench/out/**', 'test/bench/.scratch/**', '**/.allot/**', '**/*.d.ts', 'apps/admin/.next/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'No TS enums: use string unions from as-const arrays.' }],
    },
  },
  {
    files: ['packages/engine/src/**/*.ts'],
    languageOptions: { globals: {} },
    rules: engineImpurity,
  },
  ...featureBoundaries,
);
