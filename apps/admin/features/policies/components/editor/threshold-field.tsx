'use client';

/** A rule's threshold in the format-1 editor, where its condition is a simple "fact ≥ value". */
import { useWatch } from 'react-hook-form';
import { t } from '../../../shared/i18n/messages';
import { THRESHOLD_LABELS } from '../../../shared/policy-labels';
import { useLang } from '../../../shared/components/lang-context';
import { NumberField } from './form-fields';

interface Leaf {
  fact?: unknown;
  operator?: unknown;
  value?: unknown;
  path?: unknown;
}

/** Is the condition the simple "fact ≥ value" the form can edit? Then the index path of its value. */
export function simpleThreshold(condition: unknown, fact: string): string | null {
  const all = (condition as { all?: unknown } | null)?.all;
  if (!Array.isArray(all) || all.length !== 1) return null;
  const leaf = all[0] as Leaf;
  if (leaf.fact !== fact || leaf.operator !== 'greaterThanInclusive' || leaf.path !== undefined) return null;
  return 'all.0.value';
}

/** The threshold of a rung's condition (`≥ N`), or a note sending complex conditions to the JSON view. */
export function ThresholdField({ base, fact, prefix }: { base: string; fact: string; prefix?: { zh: string; en: string } }) {
  const lang = useLang();
  const condition = useWatch({ name: base });
  const path = simpleThreshold(condition, fact);
  const l = THRESHOLD_LABELS[fact];
  if (path === null) {
    return (
      <p className="notice warn small">
        {t(lang, 'editor.complexCondition')}
        <code>{JSON.stringify(condition)}</code>
      </p>
    );
  }
  const base_ = l?.label ?? { zh: fact, en: fact };
  const label = prefix === undefined ? base_ : { zh: `${prefix.zh}：${base_.zh}`, en: `${prefix.en}: ${base_.en}` };
  return <NumberField name={`${base}.${path}`} label={label} unit={l?.unit} kind={l?.unit === 'yuan' ? 'yuan' : 'int'} />;
}
