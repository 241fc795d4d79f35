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
