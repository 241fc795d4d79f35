'use client';

/** What a rule or rung imposes: pauses, ban days, hotline months, a fine in 元. */
import { fieldLabel } from '../../../shared/policy-labels';
import { NumberField } from './form-fields';

const KEYS = ['pause', 'banDays', 'hotlineBanMonths', 'fineFen'] as const;

/** What a rule or rung imposes (`then`): pauses, ban days, hotline months, fine in 元. Empty = none. */
export function SanctionFields({ base, only }: { base: string; only?: readonly (typeof KEYS)[number][] }) {
  return (
    <>
      {(only ?? KEYS).map((key) => {
        const l = fieldLabel(undefined, key);
        return <NumberField key={key} name={`${base}.${key}`} label={l?.label ?? { zh: key, en: key }} unit={l?.unit} kind={key === 'fineFen' ? 'yuan' : 'int'} emptyAs="absent" />;
      })}
    </>
  );
}
