'use client';

/** The format-1 editor's simple sections: tiers, fines, windows, allocation and switches. */
import { STAFF_ROLES, TIERS } from '@allot/engine';
import { useWatch } from 'react-hook-form';
import { t } from '../../../shared/i18n/messages';
import { fieldLabel, STAFF_ROLE_LABELS } from '../../../shared/policy-labels';
import type { RuleKey } from '../../../shared/policy-labels';
import { BoolField, MultiField, NumberField, SelectField } from './form-fields';
import { RuleCard } from './rule-card';
import { SanctionFields } from './sanction-fields';
import { ThresholdField } from './threshold-field';

const label = (rule: string, key: string) => fieldLabel(rule, key)?.label ?? { zh: key, en: key };
const unit = (rule: string, key: string) => fieldLabel(rule, key)?.unit;

/** A whole-number field of a rule, labelled from the catalogue. */
function RuleNumber({ rule, field, emptyAs = 'invalid' }: { rule: RuleKey; field: string; emptyAs?: 'invalid' | 'null' }) {
  return <NumberField name={`rules.${rule}.${field}`} label={label(rule, field)} unit={unit(rule, field)} emptyAs={emptyAs} />;
}

/** T1: the amount from which a client is A, B, C (in 元), and the tier of the rest. */
export function TierSection() {
  const rungs = (useWatch({ name: 'rules.T1.rungs' }) as { tier?: string }[] | undefined) ?? [];
  return (
    <RuleCard rule="T1">
      {rungs.map((r, i) => (
        <ThresholdField key={i} base={`rules.T1.rungs.${i}.when`} fact="expectedDealFen" prefix={{ zh: t('zh', 'editor.tierPrefix', { tier: String(r.tier ?? '?') }), en: t('en', 'editor.tierPrefix', { tier: String(r.tier ?? '?') }) }} />
      ))}
      <SelectField name="rules.T1.otherwise" label={label('T1', 'otherwise')} options={TIERS.map((tier) => ({ value: tier, label: { zh: t('zh', 'editor.tierOption', { tier }), en: t('en', 'editor.tierOption', { tier }) } }))} />
    </RuleCard>
  );
}

/** M4, F1, F2: replacements and fines. */
export function FineSections() {
  return (
    <>
      <RuleCard rule="M4">
        <RuleNumber rule="M4" field="replacements" />
      </RuleCard>
      <RuleCard rule="F1">
        <NumberField name="rules.F1.fineFen" label={label('F1', 'fineFen')} unit="yuanEach" kind="yuan" />
      </RuleCard>
      <RuleCard rule="F2">
        <NumberField name="rules.F2.fineFen" label={label('F2', 'fineFen')} unit="yuanEach" kind="yuan" />
      </RuleCard>
    </>
  );
}

/** D1, R1–R3: the windows (minutes, hours, months). */
export function WindowSections() {
  return (
    <>
      <RuleCard rule="D1">
        <RuleNumber rule="D1" field="windowMinutes" />
        <SanctionFields base="rules.D1.then" />
      </RuleCard>
      <RuleCard rule="R1">
        <RuleNumber rule="R1" field="windowHours" />
      </RuleCard>
      <RuleCard rule="R2">
        <RuleNumber rule="R2" field="windowMonths" />
      </RuleCard>
      <RuleCard rule="R3">
        <RuleNumber rule="R3" field="windowMonths" />
        <BoolField name="rules.R3.autoReclaim" label={label('R3', 'autoReclaim')} />
      </RuleCard>
    </>
  );
}

/** P1: who takes part in the rotation, the cap on owned clients, level matching. */
export function AllocationSection() {
  return (
    <RuleCard rule="P1">
      <MultiField name="rules.P1.roles" label={label('P1', 'roles')} options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] ?? { zh: r, en: r } }))} />
      <RuleNumber rule="P1" field="capOwned" emptyAs="null" />
      <BoolField name="rules.P1.matchLevel" label={label('P1', 'matchLevel')} />
    </RuleCard>
  );
}

/** D2, R4, R5, L1: rules without numbers (on or off). */
export function SwitchSections() {
  return (
    <>
      {(['D2', 'R4', 'R5', 'L1'] as const).map((rule) => (
        <RuleCard key={rule} rule={rule} />
      ))}
    </>
  );
}
