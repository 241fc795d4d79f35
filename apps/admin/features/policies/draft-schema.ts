/**
 * The draft validator as a Standard Schema for react-hook-form: the form validates with the very
 * function the server runs.
 */
import type { Policy } from '@allot/engine';
import type { Lang } from '../shared/i18n/lang';
import { pointerTokens } from './pointer';
import { cleanMessage } from './problem-labels';
import { validateDraft } from './validate-draft';

/** The minimal Standard Schema v1 shape (https://standardschema.dev) that @hookform/resolvers accepts. */
export interface DraftStandardSchema {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => { value: Policy; issues?: undefined } | { issues: { message: string; path: (string | number)[] }[] };
    readonly types?: { readonly input: Policy; readonly output: Policy };
  };
}

/**
 * The draft validator as a Standard Schema, for `standardSchemaResolver` of @hookform/resolvers:
 * the form validates with the very function the server runs (`validateDraft` → the engine's
 * JSON Schema), with each message in the UI language and its path as react-hook-form's field name.
 */
export function draftSchema(lang: Lang): DraftStandardSchema {
  return {
    '~standard': {
      version: 1,
      vendor: 'allot',
      validate(value) {
        // The form leaves emptied optional fields as `undefined`: the document is their JSON.
        const doc = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
        const errors = validateDraft(doc);
        if (errors.length === 0) return { value: doc as Policy };
        return {
          issues: errors.map((e) => ({
            message: cleanMessage(e.message)[lang],
            path: pointerTokens(e.pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t)),
          })),
        };
      },
    },
  };
}
