'use client';

/** Monaco's set-up: its workers from the app's own chunks, and the policy schema for JSON. */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';

/** Where Monaco asks for its web workers: the app's own chunks, never a CDN. */
interface MonacoEnvironmentLike {
  getWorker(workerId: string, label: string): Worker;
}

let configured = false;

/**
 * Where the policy schema lives for Monaco. Policy files say `"$schema": "../schema/policy.schema.json"`
 * and models are named `file:///policies/<id>/<version>.json` (the repository's layout), so the
 * reference resolves to this URI and Monaco uses the bundled schema without fetching anything.
 */
export const POLICY_SCHEMA_URI = 'file:///policies/schema/policy.schema.json';

/**
 * Points @monaco-editor/react at the Monaco bundled with the app (its default loader fetches
 * Monaco from a CDN, unreachable on an intranet) and registers the policy JSON Schema for
 * completion and diagnostics. Idempotent; call it in the browser only.
 */
export function setupMonaco(schema: unknown, schemaUri: string): typeof monaco {
  if (configured) return monaco;
  configured = true;
  (globalThis as unknown as { MonacoEnvironment: MonacoEnvironmentLike }).MonacoEnvironment = {
    getWorker(_workerId, label) {
      if (label === 'json') return new Worker(new URL('./json.worker.ts', import.meta.url), { type: 'module' });
      return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module' });
    },
  };
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: [{ uri: schemaUri, fileMatch: ['file:///policies/*/*.json'], schema }],
  });
  loader.config({ monaco });
  // As Monaco's own AMD build does: the editor API on `window.monaco` (scripts and tests read models through it).
  (globalThis as unknown as { monaco: typeof monaco }).monaco = monaco;
  return monaco;
}
