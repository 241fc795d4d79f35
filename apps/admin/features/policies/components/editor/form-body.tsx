'use client';

/** The format-1 editor's form: general fields, then every rule in the order of the policy text. */
import { MESSAGES } from '../../../shared/i18n/messages';
import { RULE_HEADINGS, RULE_ORDER } from '../../../shared/policy-labels';
import { useLang, useT } from '../../../shared/components/lang-context';
import { TextField } from './form-fields';
import { MismatchSection, ViolationSection } from './sections-ladders';
import { AllocationSection, FineSections, SwitchSections, TierSection, WindowSections } from './sections-simple';

/** The form view: general fields, then every rule in the order of the policy text's numbers. */
export function PolicyFormBody() {
  const lang = useLang();
  const t = useT();
  return (
    <div data-testid="policy-form">
      <nav className="card small row">
        <strong>{t('editor.jump')}:</strong>
        {RULE_ORDER.map((r) => (
          <a key={r} href={`#rule-${r}`}>
            {RULE_HEADINGS[r][lang].split(' ')[0]}
          </a>
        ))}
      </nav>
      <section className="card">
        <h3>{t('editor.general')}</h3>
        <TextField name="name.zh" label={MESSAGES['editor.nameZh']} />
        <TextField name="name.en" label={MESSAGES['editor.nameEn']} />
      </section>
      <TierSection />
      <MismatchSection />
      <FineSections />
      <ViolationSection />
      <WindowSections />
      <AllocationSection />
      <SwitchSections />
    </div>
  );
}
