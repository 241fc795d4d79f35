'use client';

/** One person's decisions under both versions of a what-if. */
import { useEffect, useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { formatInstant } from '../../shared/format';
import type { Localized } from '../../shared/i18n/lang';
import { decisionFacts, kindLabel, roleText } from '../format';
import type { PersonDecision, PersonDetail as Detail, WhatIfParams } from '../types';
import { useLang, useT } from '../../shared/components/lang-context';

const STATUS_CLASS = { same: 'muted', changed: 'badge submitted', only: 'badge approved' } as const;

/** One version's decisions about the person, each with its explanation in both languages. */
function DecisionList({ items, side, onlyDifferences }: { items: PersonDecision[]; side: 'base' | 'candidate'; onlyDifferences: boolean }) {
  const lang = useLang();
  const t = useT();
  const other = lang === 'zh' ? 'en' : 'zh';
  const shown = onlyDifferences ? items.filter((i) => i.status !== 'same') : items;
  if (shown.length === 0) return <p className="muted small">{t('whatif.none')}</p>;
  return (
    <table className="small" data-testid={`whatif-detail-${side}`}>
      <thead>
        <tr>
          <th>{t('whatif.when')}</th>
          <th>{t('whatif.what')}</th>
          <th>{t('whatif.why')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((item, i) => {
          const d = item.decision;
          return (
            <tr key={`${d.id}-${i}`} data-testid="whatif-decision" data-kind={d.kind} data-status={item.status} data-amount-fen={'amountFen' in d ? d.amountFen : undefined}>
              <td style={{ whiteSpace: 'nowrap' }}>{formatInstant(d.at, lang)}</td>
              <td>
                <strong>{kindLabel(d.kind, lang)}</strong> <span className="muted">{d.rule}</span>
                <div className="muted">{decisionFacts(d)}</div>
                <span className={STATUS_CLASS[item.status]}>{t(`whatif.status.${item.status}`)}</span>
                {item.asRecorded === true && <span className="badge">{t('whatif.asRecordedMark')}</span>}
              </td>
              <td>
                <span data-testid="whatif-explain" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
                  {d.explain[lang]}
                </span>
                <div className="muted" data-testid="whatif-explain-other" lang={other === 'zh' ? 'zh-CN' : 'en'}>
                  {d.explain[other]}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A person's decisions in the period under both versions, side by side, each marked same,
 * changed or in this version only (`POST /api/what-if/person` with the run's own parameters).
 */
export function PersonDetail({ params, staffId, base, candidate, onClose }: { params: WhatIfParams; staffId: string; base: string; candidate: string; onClose: () => void }) {
  const lang = useLang();
  const t = useT();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<Localized | null>(null);
  const [onlyDifferences, setOnlyDifferences] = useState(true);
  useEffect(() => {
    let live = true;
    setDetail(null);
    setError(null);
    void apiSend<{ person: Detail }>('POST', '/api/what-if/person', { ...params, staffId }).then((res) => {
      if (!live) return;
      if (res.ok) setDetail(res.body.person);
      else setError(res.message);
    });
    return () => {
      live = false;
    };
  }, [params, staffId]);
  return (
    <section className="card" data-testid="whatif-person-detail" data-staff-id={staffId} data-loaded={detail !== null}>
      <div className="row">
        <h2 style={{ margin: 0 }}>{t('whatif.detailTitle', { name: detail?.name ?? staffId })}</h2>
        <span className="muted small">
          {staffId}
          {detail !== null && ` · ${roleText(detail, lang)}`}
        </span>
        <span className="spacer" />
        <label className="small">
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} data-testid="whatif-only-differences" /> {t('whatif.onlyDifferences')}
        </label>
        <button type="button" onClick={onClose}>
          {t('whatif.close')}
        </button>
      </div>
      {error !== null && <p className="notice error">{error[lang]}</p>}
      {detail === null && error === null && <p className="muted">{t('whatif.loadingDetail')}</p>}
      {detail !== null && (
        <div className="two-col" style={{ marginTop: 8 }}>
          <div>
            <h3>
              {t('whatif.baseCol')} {base}
            </h3>
            <DecisionList items={detail.base} side="base" onlyDifferences={onlyDifferences} />
          </div>
          <div>
            <h3>
              {t('whatif.candidateCol')} {candidate}
            </h3>
            <DecisionList items={detail.candidate} side="candidate" onlyDifferences={onlyDifferences} />
          </div>
        </div>
      )}
    </section>
  );
}
