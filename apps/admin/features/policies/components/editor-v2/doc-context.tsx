'use client';

/** The format-2 editor's document state: the document, its problems, and edits by JSON Pointer. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { PolicyCodes } from '@allot/engine';
import type { Lang, Localized } from '../../../shared/i18n/lang';
import { toPointer } from '../../pointer';

/** One problem shown in the editor: an error blocks saving, a warning needs "save anyway". */
export interface Problem {
  pointer: string;
  severity: 'error' | 'warning';
  label: Localized;
  message: Localized;
  fix?: Localized;
}

/** What every field of the format-2 form reads: the document, how to change it, its problems. */
export interface DocApi {
  doc: Record<string, unknown>;
  lang: Lang;
  codes: PolicyCodes;
  /** Sets the value at the pointer's tokens (undefined removes the key). */
  set: (tokens: readonly (string | number)[], value: unknown) => void;
  problemsAt: (pointer: string) => Problem[];
}

const Ctx = createContext<DocApi | null>(null);

export function DocProvider({ value, children }: { value: DocApi; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useDoc(): DocApi {
  const api = useContext(Ctx);
  if (api === null) throw new Error('useDoc outside DocProvider');
  return api;
}

/** A copy of `doc` with `value` at `tokens` (undefined deletes; missing containers are created). */
export function setIn(doc: unknown, tokens: readonly (string | number)[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const [head, ...rest] = tokens as [string | number, ...(string | number)[]];
  const container: unknown = doc ?? (typeof head === 'number' ? [] : {});
  if (Array.isArray(container)) {
    const copy = [...container];
    const i = Number(head);
    if (rest.length === 0 && value === undefined) copy.splice(i, 1);
    else copy[i] = setIn(copy[i], rest, value);
    return copy;
  }
  const copy = { ...(container as Record<string, unknown>) };
  const key = String(head);
  if (rest.length === 0 && value === undefined) delete copy[key];
  else copy[key] = setIn(copy[key], rest, value);
  return copy;
}

/** Pointer of tokens (for data-pointer attributes). */
export const ptr = (tokens: readonly (string | number)[]): string => toPointer(tokens);
