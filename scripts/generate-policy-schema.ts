/**
 * Writes `policies/schema/policy.schema.json` from the engine's `policyFileSchema` (format 1 or
 * format 2, by the file's `format`), so policy files
 * (`"$schema": "../schema/policy.schema.json"`) and Monaco validate against exactly what
 * `validatePolicy` checks. Run after changing the schema:
 *
 *   node --import tsx scripts/generate-policy-schema.ts
 *
 * `test/policy-schema-file.test.ts` fails when the committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyFileSchema } from '../packages/engine/src/policy/policy-v2-schema.js';

const target = fileURLToPath(new URL('../policies/schema/policy.schema.json', import.meta.url));
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(policyFileSchema, null, 2)}\n`, 'utf8');
process.stdout.write(`wrote ${target}\n`);
