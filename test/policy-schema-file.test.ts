import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { policyFileSchema } from '../packages/engine/src/policy/policy-v2-schema.js';
import { validatePolicy } from '../packages/engine/src/policy/validate-policy.js';

const POLICIES = fileURLToPath(new URL('../policies/', import.meta.url));
const SCHEMA_DIR = join(POLICIES, 'schema');
const SCHEMA_FILE = join(SCHEMA_DIR, 'policy.schema.json');
const REGENERATE = 'npm run policy:schema';

/** Every policy file: policies/**\/*.json outside the schema folder. */
const policyFiles = (readdirSync(POLICIES, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(POLICIES, f))
  .filter((f) => !f.startsWith(SCHEMA_DIR + sep))
  .sort();

describe('policies/schema/policy.schema.json', () => {
  it('is the engine schema, freshly generated', () => {
    const onDisk = readFileSync(SCHEMA_FILE, 'utf8');
    expect(onDisk, `policies/schema/policy.schema.json is stale: run \`${REGENERATE}\``).toBe(`${JSON.stringify(policyFileSchema, null, 2)}\n`);
  });

  it('works in a plain draft-07 validator, as an editor would load it', () => {
    // Non-strict, like Monaco: the x-* annotations are simply ignored.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
    for (const file of policyFiles) expect(validate(JSON.parse(readFileSync(file, 'utf8'))), file).toBe(true);
  });
});

describe('policies/**/*.json', () => {
  it('includes the bundled seed policy', () => {
    expect(policyFiles).toContain(join(POLICIES, 'sales-resource', '1.0.0.json'));
  });

  it.each(policyFiles.map((f) => [relative(POLICIES, f), f]))('%s is valid and points $schema at the schema file', (_name, file) => {
    const policy = JSON.parse(readFileSync(file, 'utf8')) as { $schema?: unknown };
    const result = validatePolicy(policy);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    const expected = relative(dirname(file), SCHEMA_FILE).split(sep).join('/');
    expect(policy.$schema).toBe(expected);
  });
});
