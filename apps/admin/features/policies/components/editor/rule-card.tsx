'use client';

/** One rule in the format-1 editor, with the clause of the seed text its numbers come from. */
import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { MESSAGES } from '../../../shared/i18n/messages';
import { RULE_HEADINGS } from '../../../shared/policy-labels';
import type { RuleKey } from '../../../shared/policy-labels';
import { useLang } from '../../../shared/components/lang-context';
import { BoolField } from './form-fields';

/** A rule's clause from the seed text: the section and the sentence the numbers come from. */
export function ClauseAside({ clause }: { clause: { section?: unknown; quote?: unknown } | undefined }) {
  if (clause === undefined) return null;
  return (
    <aside className="clause" data-testid="clause">
      <strong>{String(clause.section ?? '')}</strong>
      <blockquote>{String(clause.quote ?? '')}</blockquote>
    </aside>
  );
}

/** One rule of the form: heading, its own title, the enabled switch, its fields, and its clause beside them. */
export function RuleCard({ rule, children }: { rule: RuleKey; children?: ReactNode }) {
  const lang = useLang();
  const title = useWatch({ name: `rules.${rule}.title` }) as { zh?: string; en?: string } | undefined;
  const clause = useWatch({ name: `rules.${rule}.clause` }) as { section?: unknown; quote?: unknown } | undefined;
  return (
    <section className="card" data-rule={rule} id={`rule-${rule}`}>
      <h3>{RULE_HEADINGS[rule][lang]}</h3>
      <p className="muted" style={{ marginTop: 0 }}>
        {title?.[lang] ?? ''}
      </p>
      <div className="rule-card">
        <div>
          <BoolField name={`rules.${rule}.enabled`} label={MESSAGES['editor.ruleEnabled']} />
          {children}
        </div>
        <ClauseAside clause={clause} />
      </div>
    </section>
  );
}
