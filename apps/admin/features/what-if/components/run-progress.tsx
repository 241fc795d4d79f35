'use client';

/** A running what-if's progress with its Cancel button, or how the last run ended. */
import type { MessageKey } from '../../shared/i18n/messages';
import { useT } from '../../shared/components/lang-context';
import type { RunState } from './use-run';

/** The progress of a running simulation (phase, events replayed) with its Cancel button; or how the last run ended. */
export function RunProgress({ run, onCancel }: { run: RunState; onCancel: () => void }) {
  const t = useT();
  if (run.state === 'running') {
    // Two replays: the base counts for the first half, the candidate for the second.
    const part = run.total > 0 ? run.done / run.total : 0;
    const value = run.phase === 'base' ? part * 50 : run.phase === 'candidate' ? 50 + part * 50 : run.phase === 'both' ? part * 100 : run.phase === 'summary' ? 100 : 0;
    const label = run.phase === 'base' || run.phase === 'candidate' || run.phase === 'both' ? t(`whatif.phase.${run.phase}`, { done: run.done, total: run.total }) : t(`whatif.phase.${run.phase}` as MessageKey);
    return (
      <div className="row notice info" data-testid="whatif-progress" data-state="running" data-phase={run.phase} data-updates={run.updates}>
        <strong>{t('whatif.running')}</strong>
        <progress max={100} value={Math.round(value)} style={{ width: 240 }} />
        <span className="small">{label}</span>
        <span className="spacer" />
        <button type="button" className="danger" onClick={onCancel} data-testid="whatif-cancel">
          {t('whatif.cancel')}
        </button>
      </div>
    );
  }
  if (run.state === 'cancelled') {
    return (
      <p className="notice warn" data-testid="whatif-progress" data-state="cancelled">
        {t('whatif.cancelled')}
      </p>
    );
  }
  if (run.state === 'done') {
    return <span data-testid="whatif-progress" data-state="done" data-updates={run.updates} hidden />;
  }
  return null;
}
