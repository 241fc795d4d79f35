'use client';

/**
 * The format-1 editor's ladders, M1–M3 (the receptionist mismatch ladder) and V1 (violations):
 * rungs added, removed and reordered.
 */
import { COMBINE_MODES } from '@allot/engine';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { COMBINE_LABELS, fieldLabel } from '../../../shared/policy-labels';
import { MESSAGES } from '../../../shared/i18n/messages';
import { useLang, useT } from '../../../shared/components/lang-context';
import { BoolField, NumberField, SelectField, TextField } from './form-fields';
import { ClauseAside, RuleCard } from './rule-card';
import { SanctionFields } from './sanction-fields';
import { ThresholdField } from './threshold-field';

const combineOptions = COMBINE_MODES.map((m) => ({ value: m, label: COMBINE_LABELS[m] ?? { zh: m, en: m } }));
const label = (key: string) => fieldLabel(undefined, key)?.label ?? { zh: key, en: key };

/** Up, down and remove for one rung. */
function RungControls({ index, count, move, remove, name }: { index: number; count: number; move: (a: number, b: number) => void; remove: (i: number) => void; name: string }) {
  const t = useT();
  return (
    <>
      <button type="button" onClick={() => move(index, index - 1)} disabled={index === 0} title={t('editor.moveUp')} data-testid={`${name}-up-${index}`}>
        ↑
      </button>
      <button type="button" onClick={() => move(index, index + 1)} disabled={index === count - 1} title={t('editor.moveDown')} data-testid={`${name}-down-${index}`}>
        ↓
      </button>
      <button type="button" className="danger" onClick={() => remove(index)} disabled={count <= 1} data-testid={`${name}-remove-${index}`}>
        {t('editor.removeRung')}
      </button>
    </>
  );
}

/** The next free ladder rule id: M1, M2… skipping M4 (the re-application rule) and ids in use. */
function nextRuleId(used: readonly string[]): string {
  for (let n = 1; ; n++) {
    const id = `M${n}`;
    if (id !== 'M4' && !used.includes(id)) return id;
  }
}

/** M1–M3: the receptionist mismatch ladder. Rungs can be added, removed and reordered. */
export function MismatchSection() {
  const lang = useLang();
  const t = useT();
  const { control, getValues } = useFormContext();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'rules.M.rungs' });
  const rungs = (useWatch({ name: 'rules.M.rungs' }) as { rule?: string; clause?: { section?: unknown; quote?: unknown } }[] | undefined) ?? [];
  const add = (): void => {
    const last = rungs[rungs.length - 1];
    const threshold = Number((getValues(`rules.M.rungs.${rungs.length - 1}.when.all.0.value`) as unknown) ?? 0);
    append({
      rule: nextRuleId(rungs.map((r) => String(r.rule ?? ''))),
      title: { ...MESSAGES['editor.newRungTitle'] },
      clause: last?.clause ?? getValues('rules.M.clause'),
      windowMonths: 1,
      when: { all: [{ fact: 'mismatches', operator: 'greaterThanInclusive', value: Number.isFinite(threshold) ? threshold + 1 : 1 }] },
      then: { pause: 1 },
    });
  };
  return (
    <RuleCard rule="M">
      <SelectField name="rules.M.combine" label={label('combine')} options={combineOptions} />
      {fields.map((f, i) => (
        <div className="rung" key={f.id} data-testid={`m-rung-${i}`}>
          <div className="rung-head">
            <strong>{rungs[i]?.rule ?? ''}</strong>
            <span className="spacer" />
            <RungControls index={i} count={fields.length} move={move} remove={remove} name="m-rung" />
          </div>
          <div className="rule-card">
            <div>
              <TextField name={`rules.M.rungs.${i}.rule`} label={label('rule')} />
              <TextField name={`rules.M.rungs.${i}.title.${lang}`} label={MESSAGES[lang === 'zh' ? 'editor.titleZh' : 'editor.titleEn']} />
              <NumberField name={`rules.M.rungs.${i}.windowMonths`} label={label('windowMonths')} unit="months" />
              <ThresholdField base={`rules.M.rungs.${i}.when`} fact="mismatches" />
              <SanctionFields base={`rules.M.rungs.${i}.then`} />
            </div>
            <ClauseAside clause={rungs[i]?.clause} />
          </div>
        </div>
      ))}
      <button type="button" onClick={add} data-testid="m-rung-add">
        {t('editor.addRung')}
      </button>
    </RuleCard>
  );
}

/** V1: the violation ladder (1st, 2nd, 3rd+ violation). Rungs can be added, removed and reordered. */
export function ViolationSection() {
  const t = useT();
  const { control, getValues } = useFormContext();
  const { fields, append, remove, move } = useFieldArray({ control, name: 'rules.V1.rungs' });
  const add = (): void => {
    const n = fields.length;
    const threshold = Number((getValues(`rules.V1.rungs.${n - 1}.when.all.0.value`) as unknown) ?? n);
    const banDays = Number((getValues(`rules.V1.rungs.${n - 1}.then.banDays`) as unknown) ?? 0);
    append({ when: { all: [{ fact: 'violations', operator: 'greaterThanInclusive', value: Number.isFinite(threshold) ? threshold + 1 : n + 1 }] }, then: { banDays: Number.isFinite(banDays) && banDays > 0 ? banDays * 2 : 7 } });
  };
  return (
    <RuleCard rule="V1">
      <SelectField name="rules.V1.combine" label={label('combine')} options={combineOptions} />
      {fields.map((f, i) => (
        <div className="rung" key={f.id} data-testid={`v-rung-${i}`}>
          <div className="rung-head">
            <strong>{t('editor.rung', { n: i + 1 })}</strong>
            <span className="spacer" />
            <RungControls index={i} count={fields.length} move={move} remove={remove} name="v-rung" />
          </div>
          <ThresholdField base={`rules.V1.rungs.${i}.when`} fact="violations" />
          <SanctionFields base={`rules.V1.rungs.${i}.then`} />
        </div>
      ))}
      <button type="button" onClick={add} data-testid="v-rung-add">
        {t('editor.addRung')}
      </button>
      <NumberField name="rules.V1.lookbackMonths" label={label('lookbackMonths')} unit="months" emptyAs="null" />
      <BoolField name="rules.V1.seriousTerminationReview" label={label('seriousTerminationReview')} />
    </RuleCard>
  );
}
