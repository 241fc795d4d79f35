/**
 * The cards of the explorer's decision page: what was decided, under which policy version and
 * clause, and the events that caused it.
 */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import { eventTypeLabel } from '../../shared/labels';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { AuditDecision } from '../decision';
import { fieldLabel, fieldValue, kindLabel } from './format';

/** What was decided: kind, rule, instant, the kind's own fields, both explanations, where it sits in the record. */
export function DecidedCard({ view, lang, names }: { view: AuditDecision; lang: Lang; names?: ReadonlyMap<string, string | null> }) {
  const d = view.decision;
  return (
    <section className="card" data-testid="decided">
      <h2 style={{ marginTop: 0 }}>{t(lang, 'audit.decided')}</h2>
      <table>
        <tbody>
          <tr>
            <th>{t(lang, 'audit.kind')}</th>
            <td data-testid="decision-kind">
              {kindLabel(d.kind, lang)} <span className="hash">{d.kind}</span>
            </td>
          </tr>
          <tr>
            <th>{t(lang, 'audit.rule')}</th>
            <td data-testid="decision-rule">{d.rule}</td>
          </tr>
          <tr>
            <th>{t(lang, 'audit.when')}</th>
            <td>
              {formatInstant(d.at, lang)} <span className="hash">{d.at}</span>
            </td>
          </tr>
          {view.fields.map((f) => (
            <tr key={f.name} data-field={f.name}>
              <th>{fieldLabel(f.name, lang)}</th>
              <td>
                {fieldValue(f.name, f.value, lang)}
                {typeof f.value === 'string' && /staffid$/i.test(f.name) && typeof names?.get(f.value) === 'string' && <span className="small-id">{names.get(f.value)}</span>}
              </td>
            </tr>
          ))}
          <tr>
            <th>{t(lang, 'audit.explainZh')}</th>
            <td data-testid="explain-zh">{d.explain.zh}</td>
          </tr>
          <tr>
            <th>{t(lang, 'audit.explainEn')}</th>
            <td data-testid="explain-en">{d.explain.en}</td>
          </tr>
          <tr>
            <th>{t(lang, 'audit.seq')}</th>
            <td>
              {view.seq} · {t(lang, 'audit.rowHash')} <span className="hash">{view.rowHash}</span>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The policy version that decided it (linked), its hash and whether the stored content has it, and the rule's clause. */
export function PolicyCard({ view, lang }: { view: AuditDecision; lang: Lang }) {
  const p = view.policy;
  const cited = view.decision.policy;
  return (
    <section className="card" data-testid="decision-policy">
      <h2 style={{ marginTop: 0 }}>{t(lang, 'audit.policyTitle')}</h2>
      {p === null ? (
        <p className="notice error">{t(lang, 'audit.noPolicy')}</p>
      ) : (
        <table>
          <tbody>
            <tr>
              <th>{t(lang, 'audit.policyId')}</th>
              <td>
                {p.id} ·{' '}
                <Link href={`/policies/${encodeURIComponent(p.id)}/${encodeURIComponent(p.version)}`} data-testid="policy-version">
                  {p.version}
                </Link>{' '}
                <span className="muted small">({p.status})</span>
              </td>
            </tr>
            <tr>
              <th>{t(lang, 'audit.hash')}</th>
              <td>
                <span className="hash" data-testid="policy-hash">
                  {cited.hash}
                </span>
                <p className={`notice ${p.hashOk ? 'ok' : 'error'} small`} data-testid="policy-hash-check" data-ok={String(p.hashOk)}>
                  {t(lang, p.hashOk ? 'audit.hashOk' : 'audit.hashBad')}
                </p>
              </td>
            </tr>
            <tr>
              <th>{t(lang, 'audit.effectiveFrom')}</th>
              <td>{formatInstant(p.effectiveFrom, lang)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {view.rule !== null && (
        <div className="clause" data-testid="decision-clause" style={{ borderLeft: '3px solid var(--line)', paddingLeft: 12, marginTop: 12 }}>
          <h3>
            {view.rule.id} · {view.rule.title[lang]}
          </h3>
          <p className="muted small" style={{ margin: 0 }}>
            {t(lang, 'audit.clause')}: <strong>{view.rule.clause.section}</strong>
            {p?.source !== null && p?.source !== undefined && (
              <>
                {' '}
                · {t(lang, 'audit.source')}: <span className="hash">{p.source}</span>
              </>
            )}
          </p>
          <blockquote data-testid="clause-quote">{view.rule.clause.quote}</blockquote>
        </div>
      )}
    </section>
  );
}

/** The cause events with their full payloads, in the order the runtime applied them. */
export function CausesCard({ view, lang }: { view: AuditDecision; lang: Lang }) {
  return (
    <section className="card" data-testid="causes">
      <h2 style={{ marginTop: 0 }}>{t(lang, 'audit.causes', { n: view.causes.length })}</h2>
      {view.causes.map((c) => (
        <div key={c.event.id} data-testid="cause-event" data-event-id={c.event.id} style={{ marginBottom: 12 }}>
          <div className="row">
            <strong>{eventTypeLabel(c.event.type, lang)}</strong> <span className="hash">{c.event.type}</span>
            <span className="hash">{c.event.id}</span>
            <span className="muted small">
              {formatInstant(c.event.at, lang)} · {t(lang, 'audit.appliedAt')} {formatInstant(c.appliedAt, lang)} · {t(lang, 'audit.seq')} {c.seq}
            </span>
          </div>
          <pre className="json">{JSON.stringify(c.event, null, 2)}</pre>
        </div>
      ))}
    </section>
  );
}
