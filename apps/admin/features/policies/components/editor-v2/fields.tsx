'use client';

/** The format-2 editor's inputs, each with its problems beside it. */
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { Localized } from '../../../shared/i18n/lang';
import { ptr, useDoc } from './doc-context';

/** The problems of one field, shown beside it. */
export function FieldProblems({ pointer }: { pointer: string }) {
  const { problemsAt, lang } = useDoc();
  const list = problemsAt(pointer);
  if (list.length === 0) return null;
  return (
    <span className="field-problems">
      {list.map((p, i) => (
        <span key={i} className={p.severity === 'error' ? 'field-error-inline' : 'field-warning-inline'} data-severity={p.severity}>
          {p.severity === 'error' ? '✖ ' : '⚠ '}
          {p.message[lang]}
          {p.fix !== undefined && <span className="muted"> — {p.fix[lang]}</span>}
        </span>
      ))}
    </span>
  );
}

/** A labelled field with its problems beside it. */
export function Field({ label, pointer, children, unit }: { label: Localized; pointer: string; children: (id: string, invalid: boolean) => ReactNode; unit?: string }) {
  const { lang, problemsAt } = useDoc();
  const id = useId();
  const invalid = problemsAt(pointer).some((p) => p.severity === 'error');
  return (
    <div className="v2-field">
      <label htmlFor={id}>{label[lang]}</label>
      <span className="v2-input">
        {children(id, invalid)}
        {unit !== undefined && <span className="unit">{unit}</span>}
      </span>
      <FieldProblems pointer={pointer} />
    </div>
  );
}

/** A text input bound to the document (what is typed is kept as typed; money and numbers are read by the caller). */
export function TextInput({ tokens, label, width = 180, placeholder, unit, toValue, fromValue }: {
  tokens: readonly (string | number)[];
  label: Localized;
  width?: number;
  placeholder?: string;
  unit?: string;
  toValue?: (text: string) => unknown;
  fromValue?: (value: unknown) => string;
}) {
  const { doc, set } = useDoc();
  const pointer = ptr(tokens);
  const value = read(doc, tokens);
  const shown = fromValue !== undefined ? fromValue(value) : value === undefined || value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  // Follow the document when it changes from elsewhere (JSON view, undo of a move).
  useEffect(() => setText((t) => (toValue !== undefined && sameValue(toValue(t), value) ? t : shown)), [shown]);
  return (
    <Field label={label} pointer={pointer} {...(unit === undefined ? {} : { unit })}>
      {(id, invalid) => (
        <input
          id={id}
          type="text"
          data-pointer={pointer}
          aria-invalid={invalid}
          style={{ width }}
          value={text}
          {...(placeholder === undefined ? {} : { placeholder })}
          onChange={(e) => {
            setText(e.target.value);
            set(tokens, toValue !== undefined ? toValue(e.target.value) : e.target.value);
          }}
        />
      )}
    </Field>
  );
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Reads the value at tokens. */
export function read(doc: unknown, tokens: readonly (string | number)[]): unknown {
  let node: unknown = doc;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(t)];
  }
  return node;
}

/** A whole number; empty → absent (or `emptyAs`). */
export function IntInput({ tokens, label, unit, emptyAs }: { tokens: readonly (string | number)[]; label: Localized; unit?: string; emptyAs?: null }) {
  return (
    <TextInput
      tokens={tokens}
      label={label}
      width={110}
      {...(unit === undefined ? {} : { unit })}
      toValue={(t) => (t.trim() === '' ? emptyAs : /^-?\d+$/.test(t.trim()) ? Number(t.trim()) : t)}
      fromValue={(v) => (v === undefined || v === null ? '' : String(v))}
    />
  );
}

/** A select bound to the document. */
export function Select({ tokens, label, options, allowEmpty }: { tokens: readonly (string | number)[]; label: Localized; options: Array<{ value: string; label: Localized }>; allowEmpty?: Localized }) {
  const { doc, set, lang } = useDoc();
  const pointer = ptr(tokens);
  const value = read(doc, tokens);
  const known = options.some((o) => o.value === value);
  return (
    <Field label={label} pointer={pointer}>
      {(id, invalid) => (
        <select id={id} data-pointer={pointer} aria-invalid={invalid} value={typeof value === 'string' ? value : ''} onChange={(e) => set(tokens, e.target.value === '' && allowEmpty !== undefined ? undefined : e.target.value)}>
          {(allowEmpty !== undefined || value === undefined) && <option value="">{allowEmpty?.[lang] ?? '—'}</option>}
          {!known && typeof value === 'string' && value !== '' && <option value={value}>{value}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[lang]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox bound to the document (unchecked → `false`, or absent with `absentWhenOff`). */
export function Check({ tokens, label, absentWhenOff = false }: { tokens: readonly (string | number)[]; label: Localized; absentWhenOff?: boolean }) {
  const { doc, set, lang } = useDoc();
  const pointer = ptr(tokens);
  const value = read(doc, tokens) === true;
  return (
    <div className="v2-field">
      <label>
        <input type="checkbox" data-pointer={pointer} checked={value} onChange={(e) => set(tokens, e.target.checked ? true : absentWhenOff ? undefined : false)} /> {label[lang]}
      </label>
      <FieldProblems pointer={pointer} />
    </div>
  );
}
