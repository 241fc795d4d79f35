/** A staff member's standing as badges. */
import type { StaffStatusView } from '@allot/runtime';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';

const BAD = { background: 'var(--bad-soft)', color: 'var(--bad)' };

/**
 * A staff member's standing as badges: left; banned until; paused ×N (pauses left); hotline
 * banned until; else eligible (or "not in the ring" for roles the policy does not allocate to).
 */
export function StatusBadges({ status, inRing, lang }: { status: StaffStatusView; inRing: boolean; lang: Lang }) {
  const badges: { key: string; text: string; className: string; style?: typeof BAD }[] = [];
  if (status.active === false) badges.push({ key: 'left', text: t(lang, 'people.status.left'), className: 'badge superseded' });
  else {
    if (status.banned) badges.push({ key: 'banned', text: t(lang, 'people.status.banned', { until: formatInstant(status.bannedUntil, lang) }), className: 'badge', style: BAD });
    if (status.pausesLeft > 0) badges.push({ key: 'paused', text: t(lang, 'people.status.paused', { n: status.pausesLeft }), className: 'badge submitted' });
    if (status.hotlineBanned) badges.push({ key: 'hotline', text: t(lang, 'people.status.hotline', { until: formatInstant(status.hotlineBannedUntil, lang) }), className: 'badge submitted' });
    if (!inRing) badges.push({ key: 'out', text: t(lang, 'people.status.notInRing'), className: 'badge' });
    else if (status.eligible) badges.push({ key: 'eligible', text: t(lang, 'people.status.eligible'), className: 'badge in_force' });
  }
  return (
    <span className="row" style={{ gap: 4 }} data-testid="status">
      {badges.map((b) => (
        <span key={b.key} className={b.className} style={b.style} data-status={b.key}>
          {b.text}
        </span>
      ))}
    </span>
  );
}
