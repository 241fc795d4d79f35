/** The allocation ring as the people pages show it, with why a member is passed over. */
import Link from 'next/link';
import type { RingBlock, RingSeat } from '@allot/engine';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { STAFF_ROLE_LABELS } from '../../shared/policy-labels';
import type { RingView as Ring } from '../ring';

const TURN: Record<RingSeat['turn'], MessageKey> = { next: 'people.ring.next', passed: 'people.ring.passed', later: 'people.ring.later' };

/** Why the ring passes a member over, in words. */
function blockText(b: RingBlock | null, lang: Lang): string {
  if (b === null) return t(lang, 'people.ring.eligible');
  switch (b.reason) {
    case 'banned':
      return t(lang, 'people.ring.block.banned', { until: formatInstant(b.until, lang), rule: b.rule });
    case 'paused':
      return t(lang, 'people.ring.block.paused', { n: b.pausesLeft, rule: b.rule });
    case 'cap':
      return t(lang, 'people.ring.block.cap', { owned: b.owned, cap: b.cap });
    default:
      return t(lang, 'people.ring.block.level', { level: b.level ?? '—', tier: b.tier ?? '—' });
  }
}

/**
 * The allocation ring from the pointer, one table per kind of client the policy distinguishes:
 * who gets the next allocation, who it passes over first and why, and who waits. `focus` marks
 * one member (the person page).
 */
export function RingView({ ring, names, focus, lang }: { ring: Ring; names: ReadonlyMap<string, string | null>; focus?: string; lang: Lang }) {
  const name = (id: string): string => `${names.get(id) ?? ''} ${id}`.trim();
  return (
    <section className="card" data-testid="ring">
      <h2 style={{ marginTop: 0 }}>{t(lang, 'people.ring.title')}</h2>
      <p className="muted small">{t(lang, 'people.ring.intro', { time: formatInstant(ring.at, lang) })}</p>
      {ring.policy !== null && (
        <p className="muted small">
          {t(lang, 'people.ring.policy', { id: ring.policy.id, version: ring.policy.version, cap: ring.capOwned === null ? t(lang, 'people.ring.noCap') : ring.capOwned })}
        </p>
      )}
      {ring.unrecorded.decisions > 0 && (
        <p className="notice info small" data-testid="ring-unrecorded">
          {t(lang, 'people.ring.unrecorded', { n: ring.unrecorded.decisions, time: formatInstant(ring.runtimeTime, lang) })}
          {ring.unrecorded.sanctions.length > 0 &&
            ` ${ring.unrecorded.sanctions.slice(0, 20).map((s) => `${name(s.staffId)} ${t(lang, `people.kind.${s.kind}` as MessageKey)} (${s.rule}, ${formatInstant(s.at, lang)})`).join(lang === 'zh' ? '；' : '; ')}${ring.unrecorded.sanctions.length > 20 ? ' …' : ''}`}
        </p>
      )}
      {!ring.enabled && <p className="notice warn">{t(lang, 'people.ring.disabled')}</p>}
      {ring.enabled &&
        ring.rings.map(({ tier, preview }) => (
          <div key={tier ?? 'any'} data-tier={tier ?? 'any'}>
            <h3>{tier === null ? t(lang, 'people.ring.anyTier') : t(lang, 'people.ring.tier', { tier })}</h3>
            {preview.seats.length === 0 ? (
              <p className="muted">{t(lang, 'people.ring.empty')}</p>
            ) : (
              <>
                <p data-testid="ring-next" data-next={preview.next ?? ''}>
                  {preview.next === null ? <span className="notice warn">{t(lang, 'people.ring.none')}</span> : <strong>{t(lang, 'people.ring.nextIs', { who: name(preview.next) })}</strong>}
                </p>
                <table>
                  <thead>
                    <tr>
                      <th className="num">{t(lang, 'people.ring.order')}</th>
                      <th>{t(lang, 'people.col.name')}</th>
                      <th>{t(lang, 'people.col.role')}</th>
                      <th>{t(lang, 'people.col.level')}</th>
                      <th className="num">{t(lang, 'people.ring.owned')}</th>
                      <th>{t(lang, 'people.ring.turn')}</th>
                      <th>{t(lang, 'people.ring.why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.seats.map((s) => (
                      <tr
                        key={s.staffId}
                        data-seat={s.staffId}
                        data-turn={s.turn}
                        style={s.staffId === focus ? { background: 'var(--accent-soft)' } : s.turn === 'next' ? { background: 'var(--good-soft)' } : undefined}
                      >
                        <td className="num">{s.position + 1}</td>
                        <td>
                          <Link href={`/people/${encodeURIComponent(s.staffId)}`}>{name(s.staffId)}</Link>
                        </td>
                        <td>{STAFF_ROLE_LABELS[s.role]?.[lang] ?? s.role}</td>
                        <td>{s.level ?? '—'}</td>
                        <td className="num">{s.owned}</td>
                        <td>
                          <span className={s.turn === 'next' ? 'badge in_force' : s.turn === 'passed' ? 'badge submitted' : 'badge'}>{t(lang, TURN[s.turn])}</span>
                        </td>
                        <td className={s.block === null ? 'muted' : undefined}>{blockText(s.block, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        ))}
      {ring.enabled && ring.rings.length === 0 && <p className="muted">{t(lang, 'people.ring.empty')}</p>}
      {ring.roles.length > 0 && <p className="muted small">{t(lang, 'people.ring.roles', { roles: ring.roles.map((r) => STAFF_ROLE_LABELS[r]?.[lang] ?? r).join(lang === 'zh' ? '、' : ', ') })}</p>}
    </section>
  );
}
