'use client';

/**
 * The what-if's questions as controls: policy, base, candidate, period, team, how allocations are
 * replayed; and Run.
 */
import type { Localized } from '../../shared/i18n/lang';
import type { MessageKey } from '../../shared/i18n/messages';
import type { VersionStanding } from '../../policies';
import type { TeamOption } from '../types';
import { useLang, useT } from '../../shared/components/lang-context';

/** A version offered as base or candidate. */
export interface VersionChoice {
  version: string;
  standing: VersionStanding;
}

/** A policy and its versions (newest first). */
export interface PolicyChoice {
  policyId: string;
  name: Localized | null;
  versions: VersionChoice[];
}

/** What the controls edit. */
export interface Choice {
  policyId: string;
  base: string;
  candidate: string;
  fromDay: string;
  toDay: string;
  team: string;
  asRecorded: boolean;
}

/** Props of {@link RunControls}. */
export interface RunControlsProps {
  policies: PolicyChoice[];
  teams: TeamOption[];
  choice: Choice;
  onChange: (next: Partial<Choice>) => void;
  defaultDays: number;
  onResetPeriod: () => void;
  running: boolean;
  onRun: () => void;
}

/** The what-if's questions: policy, base, candidate, period, team, how allocations are replayed; and Run. */
export function RunControls({ policies, teams, choice, onChange, defaultDays, onResetPeriod, running, onRun }: RunControlsProps) {
  const lang = useLang();
  const t = useT();
  const versions = policies.find((p) => p.policyId === choice.policyId)?.versions ?? [];
  const versionOptions = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {t('whatif.versionOption', { version: v.version, standing: t(`status.${v.standing}` as MessageKey) })}
    </option>
  ));
  return (
    <section className="card" data-testid="whatif-controls">
      <div className="row">
        <label>
          {t('whatif.policy')}{' '}
          <select value={choice.policyId} onChange={(e) => onChange({ policyId: e.target.value })} data-testid="whatif-policy">
            {policies.map((p) => (
              <option key={p.policyId} value={p.policyId}>
                {p.name?.[lang] ?? p.policyId}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('whatif.base')}{' '}
          <select value={choice.base} onChange={(e) => onChange({ base: e.target.value })} data-testid="whatif-base">
            {versionOptions}
          </select>
        </label>
        <label>
          {t('whatif.candidate')}{' '}
          <select value={choice.candidate} onChange={(e) => onChange({ candidate: e.target.value })} data-testid="whatif-candidate">
            {versionOptions}
          </select>
        </label>
      </div>
      <div className="row" style={{ marginTop: 10 }}>
        <label>
          {t('whatif.from')} <input type="date" value={choice.fromDay} max={choice.toDay} onChange={(e) => onChange({ fromDay: e.target.value })} data-testid="whatif-from" />
        </label>
        <label>
          {t('whatif.to')} <input type="date" value={choice.toDay} min={choice.fromDay} onChange={(e) => onChange({ toDay: e.target.value })} data-testid="whatif-to" />
        </label>
        <button type="button" className="link-button small" onClick={onResetPeriod}>
          {t('whatif.periodReset')}
        </button>
        <span className="muted small">{t('whatif.periodHint', { days: defaultDays })}</span>
        <label>
          {t('whatif.team')}{' '}
          <select value={choice.team} onChange={(e) => onChange({ team: e.target.value })} data-testid="whatif-team">
            <option value="">{t('whatif.everyone')}</option>
            {teams.map((team) => (
              <option key={team.key} value={team.key}>
                {t('whatif.teamOption', { label: team.label[lang], n: team.members })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row" style={{ marginTop: 10, alignItems: 'flex-start', flexWrap: 'nowrap' }}>
        <label style={{ whiteSpace: 'nowrap' }}>
          <input type="checkbox" checked={choice.asRecorded} onChange={(e) => onChange({ asRecorded: e.target.checked })} data-testid="whatif-as-recorded" /> {t('whatif.asRecorded')}
        </label>
        <p className="muted small" style={{ margin: 0 }} data-testid="whatif-as-recorded-help">
          {t('whatif.asRecordedHelp')}
        </p>
      </div>
      <div className="row" style={{ marginTop: 10 }}>
        <button type="button" className="primary" onClick={onRun} disabled={running || choice.base === '' || choice.candidate === ''} data-testid="whatif-run">
          {t('whatif.run')}
        </button>
      </div>
    </section>
  );
}
