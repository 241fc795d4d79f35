'use client';

/** The what-if workbench: controls, the candidate form, the run and its results. */
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { FieldValues, Resolver } from 'react-hook-form';
import { apiSend } from '../../shared/client-api';
import { formatInstant } from '../../shared/format';
import { draftSchema } from '../../policies/client';
import type { TeamOption, WhatIfParams } from '../types';
import { useLang, useT } from '../../shared/components/lang-context';
import { CandidateForm } from './candidate-form';
import { PeopleTable } from './people-table';
import { ExportButtons } from './export-buttons';
import { PersonDetail } from './person-detail';
import { RunControls } from './run-controls';
import type { Choice, PolicyChoice } from './run-controls';
import { RunProgress } from './run-progress';
import { TotalsTable } from './totals-table';
import { useWhatIfRun } from './use-run';
import { WeeklyChart } from './weekly-chart';

/** The JSON a form value stands for (drops keys left empty). */
const asDoc = (values: unknown): unknown => JSON.parse(JSON.stringify(values)) as unknown;
const text = (doc: unknown): string => JSON.stringify(doc);
/** The day (China time) of an instant, `YYYY-MM-DD`. */
const dayOf = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** Props of {@link WhatIfWorkbench}. */
export interface WhatIfWorkbenchProps {
  policies: PolicyChoice[];
  teams: TeamOption[];
  /** The default period (the 90 days up to the latest stored event). */
  period: { from: string; to: string; days: number };
  initial: { policyId: string; base: string; candidate: string };
  /** May the user open drafts in the editor (editors)? */
  canEdit: boolean;
}

/**
 * The what-if page: choose base, candidate, period and team; edit the candidate in place; run
 * (progress, cancel); read totals, the weekly chart and the people affected; open a person;
 * export the table as CSV.
 */
export function WhatIfWorkbench({ policies, teams, period, initial, canEdit }: WhatIfWorkbenchProps) {
  const lang = useLang();
  const t = useT();
  const defaults = { fromDay: dayOf(period.from), toDay: dayOf(period.to) };
  const [choice, setChoice] = useState<Choice>({ ...initial, ...defaults, team: '', asRecorded: true });
  const [periodTouched, setPeriodTouched] = useState(false);
  const [editing, setEditing] = useState(false);
  const [loaded, setLoaded] = useState<{ key: string; text: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [formError, setFormError] = useState(false);
  const { run, started, start, cancel } = useWhatIfRun();

  const resolver = useMemo(() => standardSchemaResolver(draftSchema(lang)) as unknown as Resolver<FieldValues>, [lang]);
  const form = useForm<FieldValues>({ resolver, mode: 'onChange' });
  const values: unknown = useWatch({ control: form.control });
  const candidateKey = `${choice.policyId}@${choice.candidate}`;
  const ready = loaded !== null && loaded.key === candidateKey;
  const edited = ready && text(asDoc(values)) !== loaded.text;
  // The in-place form edits format-1 numbers; a format-2 candidate is edited in the editor.
  const openFormat = ready && (JSON.parse(loaded.text) as { format?: unknown }).format === 2;

  // The candidate's stored content fills the form; choosing another candidate reloads it.
  useEffect(() => {
    let live = true;
    void apiSend<{ content: unknown }>('GET', `/api/policies/${encodeURIComponent(choice.policyId)}/versions/${encodeURIComponent(choice.candidate)}`).then((res) => {
      if (!live || !res.ok) return;
      form.reset(res.body.content as FieldValues);
      setLoaded({ key: candidateKey, text: text(asDoc(res.body.content)) });
    });
    return () => {
      live = false;
    };
  }, [candidateKey]);

  const change = useCallback(
    (next: Partial<Choice>): void => {
      if (next.fromDay !== undefined || next.toDay !== undefined) setPeriodTouched(true);
      setChoice((c) => {
        const merged = { ...c, ...next };
        if (next.policyId !== undefined && next.policyId !== c.policyId) {
          const versions = policies.find((p) => p.policyId === next.policyId)?.versions ?? [];
          merged.base = versions.find((v) => v.standing === 'in_force')?.version ?? versions[0]?.version ?? '';
          merged.candidate = versions[0]?.version ?? '';
        }
        return merged;
      });
    },
    [policies],
  );

  const runNow = async (): Promise<void> => {
    setSelected(null);
    setFormError(false);
    const params: WhatIfParams = {
      policyId: choice.policyId,
      base: choice.base,
      candidate: choice.candidate,
      from: periodTouched ? `${choice.fromDay}T00:00:00+08:00` : null,
      to: periodTouched ? `${choice.toDay}T23:59:59.999+08:00` : null,
      team: choice.team === '' ? null : choice.team,
      allocationsAsRecorded: choice.asRecorded,
    };
    if (edited) {
      if (!(await form.trigger())) {
        setFormError(true);
        setEditing(true);
        return;
      }
      params.content = asDoc(form.getValues());
    }
    await start(params);
  };

  const draftStanding = policies.find((p) => p.policyId === choice.policyId)?.versions.find((v) => v.version === choice.candidate)?.standing;
  const editorHref = canEdit && (draftStanding === 'draft' || draftStanding === 'submitted' || draftStanding === 'approved') ? `/policies/${choice.policyId}/${choice.candidate}/edit` : null;
  const result = run.state === 'done' ? run.result : null;

  return (
    <div data-testid="whatif-workbench">
      <RunControls
        policies={policies}
        teams={teams}
        choice={choice}
        onChange={change}
        defaultDays={period.days}
        onResetPeriod={() => {
          setChoice((c) => ({ ...c, ...defaults }));
          setPeriodTouched(false);
        }}
        running={run.state === 'running'}
        onRun={() => void runNow()}
      />
      <div className="row" style={{ marginBottom: 12 }}>
        <button type="button" onClick={() => setEditing((e) => !e)} disabled={!ready || openFormat} data-testid="whatif-edit-toggle" aria-expanded={editing}>
          {editing ? t('whatif.hideEditor') : t('whatif.editCandidate')}
        </button>
        {openFormat && (
          <span className="muted small">
            {t('whatif.openFormat')} {editorHref !== null && <a href={editorHref}>{t('whatif.openEditor')}</a>}
          </span>
        )}
        {!ready && <span className="muted small">{t('whatif.loadingCandidate')}</span>}
        {edited && !editing && <span className="badge submitted">{t('whatif.edited')}</span>}
      </div>
      {formError && <p className="notice error">{t('whatif.candidateInvalid')}</p>}
      {editing && ready && !openFormat && (
        <CandidateForm
          form={form}
          edited={edited}
          editorHref={editorHref}
          onDiscard={() => {
            form.reset(JSON.parse(loaded.text) as FieldValues);
            setFormError(false);
          }}
        />
      )}
      <RunProgress run={run} onCancel={cancel} />
      {run.state === 'error' && (
        <p className="notice error" data-testid="whatif-error">
          {t('whatif.failed', { message: run.message[lang] })}
        </p>
      )}
      {result !== null && run.state === 'done' && (
        <div data-testid="whatif-result" data-run={started} data-period-from={result.period.from} data-period-to={result.period.to} data-edited={result.candidate.edited === true} data-differing={result.decisions.differing} data-people={result.people.length}>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{t('whatif.resultTitle', { from: formatInstant(result.period.from, lang), to: formatInstant(result.period.to, lang), days: result.period.days, events: result.period.events })}</h2>
            <p className="muted small">
              {t('whatif.versus', { base: result.base.version, candidate: `${result.candidate.version}${result.candidate.edited === true ? ` (${t('whatif.edited')})` : ''}` })} ·{' '}
              {result.allocationsAsRecorded ? t('whatif.converted', { n: result.convertedAllocations }) : t('whatif.ringMode')}
              {result.team !== null && ` · ${t('whatif.teamScope', { team: result.team.label[lang] })}`} · {t('whatif.decisionCounts', result.decisions)} · {t('whatif.elapsed', { ms: result.elapsedMs })}
            </p>
            <TotalsTable totals={result.totals} base={result.base.version} candidate={result.candidate.version} />
          </section>
          <section className="card">
            <WeeklyChart weeks={result.weeks} base={result.base.version} candidate={result.candidate.version} />
          </section>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{t('whatif.people', { n: result.people.length })}</h2>
            <ExportButtons result={result} fileName={`what-if-${result.policyId}-${result.base.version}-vs-${result.candidate.version}${result.candidate.edited === true ? '-edited' : ''}`} />
            <PeopleTable
              people={result.people}
              fileName={`what-if-${result.policyId}-${result.base.version}-vs-${result.candidate.version}${result.candidate.edited === true ? '-edited' : ''}.csv`}
              selected={selected}
              onSelect={setSelected}
            />
          </section>
          {selected !== null && <PersonDetail params={run.params} staffId={selected} base={result.base.version} candidate={result.candidate.version} onClose={() => setSelected(null)} />}
        </div>
      )}
    </div>
  );
}
