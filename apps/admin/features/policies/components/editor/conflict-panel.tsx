'use client';

/** The editor's panel when someone saved since: both versions side by side. */
import { formatInstant } from '../../../shared/format';
import { diffPolicies } from '../../diff';
import type { ConflictDetails } from '../../drafts';
import { DiffView } from '../diff-view';
import { useLang, useT } from '../../../shared/components/lang-context';

/** Props of {@link ConflictPanel}. */
export interface ConflictPanelProps {
  message: string;
  conflict: ConflictDetails;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * Shown when a save was refused because someone saved first: the message, both versions side by
 * side (theirs as stored, yours as still in the editor), and the two ways forward. Nothing is
 * discarded until the user chooses.
 */
export function ConflictPanel({ message, conflict, onKeepMine, onTakeTheirs }: ConflictPanelProps) {
  const lang = useLang();
  const t = useT();
  const theirsLabel = t('editor.theirs', { revision: conflict.theirs.revision, who: conflict.theirs.savedBy ?? '?', when: formatInstant(conflict.theirs.updatedAt, lang) });
  return (
    <section className="card" style={{ borderColor: 'var(--bad)' }} data-testid="conflict-panel">
      <h2 style={{ marginTop: 0, color: 'var(--bad)' }}>{t('editor.conflictTitle')}</h2>
      <p className="notice error" data-testid="conflict-message">
        {message}
      </p>
      <DiffView diff={diffPolicies(conflict.theirs.content, conflict.yours.content)} lang={lang} leftLabel={theirsLabel} rightLabel={t('editor.yours')} onlyChanges />
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" className="primary" onClick={onKeepMine} data-testid="conflict-keep-mine">
          {t('editor.keepMine')}
        </button>
        <button
          type="button"
          onClick={() => {
            if (window.confirm(t('editor.takeTheirsConfirm'))) onTakeTheirs();
          }}
          data-testid="conflict-take-theirs"
        >
          {t('editor.takeTheirs')}
        </button>
      </div>
      <details style={{ marginTop: 12 }}>
        <summary>{t('editor.showJson')}</summary>
        <div className="two-col">
          <div>
            <h3>{theirsLabel}</h3>
            <pre className="json" data-testid="conflict-theirs-json">{JSON.stringify(conflict.theirs.content, null, 2)}</pre>
          </div>
          <div>
            <h3>{t('editor.yours')}</h3>
            <pre className="json" data-testid="conflict-yours-json">{JSON.stringify(conflict.yours.content, null, 2)}</pre>
          </div>
        </div>
      </details>
    </section>
  );
}
