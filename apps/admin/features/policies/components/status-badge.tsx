import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { VersionStanding } from '../read';

/** A version's standing as a coloured badge. */
export function StatusBadge({ standing, lang }: { standing: VersionStanding; lang: Lang }) {
  return (
    <span className={`badge ${standing}`} data-testid="status-badge" data-standing={standing}>
      {t(lang, `status.${standing}`)}
    </span>
  );
}
