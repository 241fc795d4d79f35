import { existsSync, readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's module boundaries are enforced by lint, not only by words: engine code that reads
 * the clock, draws random numbers, does I/O or prints must fail `npm run lint`.
 */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

const lintEngine = async (code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: 'packages/engine/src/rules/example.ts' });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
};

describe('engine purity is enforced by lint', () => {
  it.each([
    ['Date.now()', 'export const t = Date.now();\n', /Date\.now/],
    ['new Date()', 'export const t = new Date();\n', /new Date\(\)/],
    ['Math.random()', 'export const r = Math.random();\n', /randomness/],
    ['node: imports', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", /node: modules/],
    ['fs imports', "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n", /I\/O/],
    ['console', "export const log = (): void => console.log('x');\n", /prints nothing/],
    ['process', 'export const env = process.env;\n', /environment/],
    ['other workspace packages', "import { x } from '@allot/store';\nexport const y = x;\n", /json-rules-engine, ajv/],
    ['TS enums', 'export enum Tier { A, B }\n', /enums/],
  ])('refuses %s', async (_name, code, message) => {
    const messages = await lintEngine(code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it('accepts pure code and instants given as input', async () => {
    expect(await lintEngine('export const later = (at: number): Date => new Date(at + 1000);\n')).toEqual([]);
  });

  it('allows the CLI to use node: modules', async () => {
    const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", { filePath: 'packages/cli/src/example.ts' });
    expect(result?.messages ?? []).toEqual([]);
  });
});

/**
 * The admin app's features (apps/admin/features/<name>/) see each other only through their
 * public surface: `index.ts`, or `client.ts` for browser code. `shared/` and packages are free.
 */
describe('admin features import each other only through index.ts', () => {
  const featuresDir = new URL('../apps/admin/features/', import.meta.url);
  const features = readdirSync(featuresDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'shared')
    .map((e) => e.name);
  const lintAt = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
  };

  it('finds the features, each with an index.ts', () => {
    expect(features.length).toBeGreaterThanOrEqual(11);
    for (const f of features) expect(existsSync(new URL(`${f}/index.ts`, featuresDir)), f).toBe(true);
  });

  it.each(features)('refuses a file behind %s/index.ts from another feature and from shared/', async (target) => {
    const from = features.find((f) => f !== target) ?? 'shared';
    for (const [filePath, spec] of [
      [`apps/admin/features/${from}/example.ts`, `../${target}/some-module`],
      [`apps/admin/features/${from}/components/example.tsx`, `../../${target}/components/some-view`],
      [`apps/admin/features/shared/example.ts`, `../${target}/some-module`],
    ] as const) {
      const messages = await lintAt(filePath, `import { x } from '${spec}';\nexport const y = x;\n`);
      expect(messages.some((m) => /no-restricted-imports: .*index\.ts/.test(m)), `${filePath} → ${spec}: ${messages.join('\n')}`).toBe(true);
      const reexport = await lintAt(filePath, `export { x } from '${spec}';\n`);
      expect(reexport.some((m) => /no-restricted-imports/.test(m)), `${filePath} re-exports ${spec}`).toBe(true);
    }
  });

  it('accepts index.ts, client.ts, shared/, the feature\'s own files and packages', async () => {
    const code = [
      "import { inForce } from '../policies';",
      "import { draftSchema } from '../policies/client';",
      "import type { VersionView } from '../policies/index';",
      "import { json } from '../shared/guard';",
      "import { t } from '../shared/i18n/messages';",
      "import { searchDecisions } from './search';",
      "import { openStore } from '@allot/store';",
      'export const all: unknown[] = [inForce, draftSchema, json, t, searchDecisions, openStore];',
      'export type V = VersionView;',
      '',
    ].join('\n');
    expect(await lintAt('apps/admin/features/audit/example.ts', code)).toEqual([]);
    expect(await lintAt('apps/admin/features/policies/components/example.tsx', "import { readVersion } from '../read';\nexport const r = readVersion;\n")).toEqual([]);
  });
});
