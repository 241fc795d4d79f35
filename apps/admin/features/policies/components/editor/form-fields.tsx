'use client';

/**
 * The format-1 editor's inputs: numbers (integers, or 元 stored as integer fen) and switches,
 * labelled in both languages.
 */
import { useEffect, useId, useState } from 'react';
import { useController } from 'react-hook-form';
import type { Localized } from '../../../shared/i18n/lang';
import { UNITS } from '../../../shared/policy-labels';
import type { Unit } from '../../../shared/policy-labels';
import { fenToYuan, parseYuan } from '../../../shared/money';
import { useLang } from '../../../shared/components/lang-context';

/** How a number field stores what is typed: integers, or 元 stored as integer fen. */
export type NumberKind = 'int' | 'yuan';
/** What an empty box means: the key is left out, `null` (e.g. "no cap"), or it is an error. */
export type EmptyAs = 'absent' | 'null' | 'invalid';

/** Text typed → the value stored: a number when it reads as one, else the raw text (the schema then explains it). */
export function parseTyped(text: string, kind: NumberKind, emptyAs: EmptyAs): unknown {
  const s = text.trim();
  if (s === '') return emptyAs === 'absent' ? undefined : emptyAs === 'null' ? null : '';
  if (kind === 'yuan') {
    const r = parseYuan(s);
    return r.ok ? r.fen : text;
  }
  return /^-?\d+$/.test(s) ? Number(s) : text;
}

/** The stored value → the text shown. */
export function showTyped(value: unknown, kind: NumberKind): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return kind === 'yuan' ? fenToYuan(value) : String(value);
  return String(value);
}

/** A label in the UI language with the other language beneath it. */
export function BiLabel({ label, htmlFor }: { label: Localized; htmlFor?: string }) {
  const lang = useLang();
  return (
    <label htmlFor={htmlFor}>
      {label[lang]}
      <span className="alt-lang">{label[lang === 'zh' ? 'en' : 'zh']}</span>
    </label>
  );
}

/** Props of {@link NumberField}. */
export interface NumberFieldProps {
  name: string;
  label: Localized;
  unit?: Unit | undefined;
  kind?: NumberKind;
  emptyAs?: EmptyAs;
}

/**
 * A number of the policy with its label and unit. Money is typed in 元 and stored as integer fen
 * (exact: no floats). Whatever is typed is kept as typed; the schema validation explains it.
 */
export function NumberField({ name, label, unit, kind = 'int', emptyAs = 'invalid' }: NumberFieldProps) {
  const lang = useLang();
  const id = useId();
  const { field, fieldState } = useController({ name });
  const [text, setText] = useState(() => showTyped(field.value, kind));
  useEffect(() => {
    // The value changed from outside (reset, JSON view, rung moved): show it, unless it is what we typed.
    if (JSON.stringify(parseTyped(text, kind, emptyAs)) !== JSON.stringify(field.value)) setText(showTyped(field.value, kind));
  }, [field.value]);
  return (
    <div className="field">
      <BiLabel label={label} htmlFor={id} />
      <input
        id={id}
        name={name}
        inputMode={kind === 'yuan' ? 'decimal' : 'numeric'}
        value={text}
        aria-invalid={fieldState.error !== undefined}
        data-testid={`field-${name}`}
        onChange={(e) => {
          setText(e.target.value);
          field.onChange(parseTyped(e.target.value, kind, emptyAs));
        }}
        onBlur={field.onBlur}
      />
      <span className="unit">{unit === undefined ? '' : UNITS[unit][lang]}</span>
      {fieldState.error?.message !== undefined && (
        <div className="field-error" role="alert" data-testid={`error-${name}`}>
          {fieldState.error.message}
        </div>
      )}
    </div>
  );
}

/** A yes/no switch of the policy. */
export function BoolField({ name, label }: { name: string; label: Localized }) {
  const id = useId();
  const { field } = useController({ name });
  return (
    <div className="field">
      <BiLabel label={label} htmlFor={id} />
      <input id={id} type="checkbox" checked={field.value === true} onChange={(e) => field.onChange(e.target.checked)} data-testid={`field-${name}`} />
    </div>
  );
}

/** A choice among fixed options. */
export function SelectField({ name, label, options }: { name: string; label: Localized; options: readonly { value: string; label: Localized }[] }) {
  const lang = useLang();
  const id = useId();
  const { field, fieldState } = useController({ name });
  return (
    <div className="field">
      <BiLabel label={label} htmlFor={id} />
      <select id={id} value={String(field.value ?? '')} onChange={(e) => field.onChange(e.target.value)} data-testid={`field-${name}`}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label[lang]}
          </option>
        ))}
      </select>
      <span />
      {fieldState.error?.message !== undefined && <div className="field-error">{fieldState.error.message}</div>}
    </div>
  );
}

/** A short text (titles of new ladder rungs). */
export function TextField({ name, label }: { name: string; label: Localized }) {
  const id = useId();
  const { field, fieldState } = useController({ name });
  return (
    <div className="field">
      <BiLabel label={label} htmlFor={id} />
      <input id={id} type="text" value={String(field.value ?? '')} onChange={(e) => field.onChange(e.target.value)} style={{ width: 360 }} aria-invalid={fieldState.error !== undefined} data-testid={`field-${name}`} />
      <span />
      {fieldState.error?.message !== undefined && <div className="field-error">{fieldState.error.message}</div>}
    </div>
  );
}

/** Several choices (P1's roles): an array of the checked values. */
export function MultiField({ name, label, options }: { name: string; label: Localized; options: readonly { value: string; label: Localized }[] }) {
  const lang = useLang();
  const { field, fieldState } = useController({ name });
  const value: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  return (
    <div className="field">
      <BiLabel label={label} />
      <div style={{ gridColumn: 'span 2' }} className="row">
        {options.map((o) => (
          <label key={o.value}>
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              data-testid={`field-${name}-${o.value}`}
              onChange={(e) => field.onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />{' '}
            {o.label[lang]}
          </label>
        ))}
      </div>
      {fieldState.error?.message !== undefined && <div className="field-error">{fieldState.error.message}</div>}
    </div>
  );
}
