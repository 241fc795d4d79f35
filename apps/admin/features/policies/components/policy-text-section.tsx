/**
 * The version page's 制度全文 card: the text, a print button, and the marks against the version in
 * force.
 */
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { asPolicy, markAgainst, policyText } from '../policy-text';
import { seedClauses, withSeedReadings } from '../seed-readings';
import { PolicyTextView } from './policy-text-view';
import { PrintButton } from './print-button';

/** Props of {@link PolicyTextSection}. */
export interface PolicyTextSectionProps {
  lang: Lang;
  version: string;
  content: unknown;
  /** The version in force, when this is another version: its rules are marked against it. */
  base?: { version: string; content: unknown };
}

/** The version page's 制度全文 card: the text, a print button, and for an unpublished version the marks against the version in force. */
export function PolicyTextSection({ lang, version, content, base }: PolicyTextSectionProps) {
  const policy = asPolicy(content);
  if (policy === null) return null;
  const text = policyText(policy);
  const seed = seedClauses();
  const name = text.name;
  const groups = text.groups.map((g) => ({ ...g, rules: withSeedReadings(g.rules, seed) }));
  const basePolicy = base === undefined ? null : asPolicy(base.content);
  const against = basePolicy === null ? undefined : markAgainst(basePolicy, policy);
  return (
    <section className="card policy-text-print" id="policy-text">
      <div className="row no-print">
        <span className="spacer" />
        <PrintButton label={t(lang, 'text.print')} />
      </div>
      <PolicyTextView
        name={name}
        version={version}
        groups={groups}
        lang={lang}
        {...(against === undefined || base === undefined ? {} : { marks: against.marks, removed: against.removed, baseVersion: base.version })}
      />
    </section>
  );
}
