/** A version's standing as a coloured badge. */
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { VersionStanding } from '../read';

/** A version's standing as a coloured badge. */
export function StatusBadge({ standing, lang, cancelled = false }: { standing: VersionStanding; lang: Lang; cancelled?: boolean }) {
  return (
    <span className={`badge ${cancelled ? 'cancelled' : standing}`} data-testid="status-badge" data-standing={standing} data-cancelled={cancelled ? 'true' : undefined}>
      {t(lang, cancelled ? 'status.cancelled' : `status.${standing}`)}
    </span>
  );
}
