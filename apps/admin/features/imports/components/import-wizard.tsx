'use client';

/** The import wizard: upload, mapping, preview, dry run, import. */
import { useMemo, useState } from 'react';
import type { Lang, Localized } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { DryRunView } from './dry-run-view';
import type { DryRunBody } from './dry-run-view';

/** A kind as the server describes it. */
export interface KindInfo {
  kind: string;
  label: Localized;
  needsGoLive: boolean;
  columns: Array<{ key: string; label: Localized; required: boolean }>;
}

interface SavedMapping {
  kind: string;
  name: string;
  mapping: Record<string, string>;
}

interface Preview {
  name: string;
  kind: string;
  format: string;
  encoding: string | null;
  sheet: string;
  sheets: string[];
  headerRow: number;
  headers: string[];
  columns: Array<{ key: string; header: string | null; letter: string | null; required: boolean; label: Localized }>;
  missing: string[];
  rows: Array<{ row: number; values: Record<string, string>; errors: Array<{ field: string; column: string; message: Localized }>; events: number }>;
  counts: { rows: number; good: number; bad: number; events: number; errors: number };
}

interface Entry {
  id: number;
  file: File;
  kind: string;
  mapping: Record<string, string>;
}

type Step = 'upload' | 'mapping' | 'preview' | 'dry-run' | 'done';
const STEPS: Step[] = ['upload', 'mapping', 'preview', 'dry-run', 'done'];
const STEP_KEY: Record<Step, MessageKey> = { upload: 'imports.step.upload', mapping: 'imports.step.mapping', preview: 'imports.step.preview', 'dry-run': 'imports.step.dryRun', done: 'imports.step.done' };

/** The kind a file name suggests (名册 → roster, 客户 → client book …); the user can change it. */
function guessKind(name: string): string {
  const rules: Array<[RegExp, string]> = [
    [/名册|roster|staff|员工/i, 'staff'],
    [/处罚|sanction/i, 'sanctions'],
    [/违规|violation/i, 'violations'],
    [/统筹|来访|按时|录入|迟|late/i, 'late-entries'],
    [/重新申请|mismatch|类型/i, 'mismatches'],
    [/成交|deal/i, 'deals'],
    [/客户|client/i, 'clients'],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? 'violations';
}

/** The import wizard: files and go-live, column mapping, preview, dry run, import. */
export function ImportWizard({ lang, kinds, mappings: initialMappings, defaultGoLive }: { lang: Lang; kinds: KindInfo[]; mappings: SavedMapping[]; defaultGoLive: string }) {
  const [step, setStep] = useState<Step>('upload');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [goLive, setGoLive] = useState(defaultGoLive);
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [dryRun, setDryRun] = useState<DryRunBody | null>(null);
  const [done, setDone] = useState<{ accepted: number; duplicates: number; rejected: unknown[]; batches: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [saved, setSaved] = useState(initialMappings);
  const [mappingName, setMappingName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const kindOf = useMemo(() => new Map(kinds.map((k) => [k.kind, k])), [kinds]);

  const form = (): FormData => {
    const data = new FormData();
    for (const e of entries) {
      data.append('file', e.file, e.file.name);
      data.append('kind', e.kind);
      data.append('mapping', JSON.stringify(e.mapping));
      data.append('sheet', '');
    }
    data.append('goLive', goLive);
    return data;
  };

  const post = async (path: string): Promise<Response | null> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const res = await fetch(path, { method: 'POST', body: form(), credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: Localized };
        setError(body.message?.[lang] ?? `HTTP ${res.status}`);
        return null;
      }
      return res;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const read = async (next: Step): Promise<void> => {
    const res = await post('/api/imports/preview');
    if (res === null) return;
    const body = (await res.json()) as { books: Preview[] };
    setPreviews(body.books);
    setStep(next);
  };

  const runDry = async (): Promise<void> => {
    const res = await post('/api/imports/dry-run');
    if (res === null) return;
    setDryRun((await res.json()) as DryRunBody);
    setStep('dry-run');
  };

  const commit = async (): Promise<void> => {
    const res = await post('/api/imports/commit');
    if (res === null) return;
    setDone((await res.json()) as { accepted: number; duplicates: number; rejected: unknown[]; batches: number });
    setStep('done');
  };

  const downloadErrors = async (): Promise<void> => {
    const res = await post('/api/imports/errors');
    if (res === null) return;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'import-errors.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  const saveMapping = async (entry: Entry, mapping: Record<string, string>): Promise<void> => {
    setError(null);
    const res = await fetch('/api/imports/mappings', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: entry.kind, name: mappingName, mapping }),
    });
    const body = (await res.json().catch(() => ({}))) as { mappings?: SavedMapping[]; message?: Localized };
    if (!res.ok) return setError(body.message?.[lang] ?? `HTTP ${res.status}`);
    setSaved(body.mappings ?? saved);
    setNotice(t(lang, 'imports.mappingSaved'));
  };

  const update = (id: number, change: Partial<Entry>): void => setEntries((list) => list.map((e) => (e.id === id ? { ...e, ...change } : e)));
  const kindLabel = (kind: string): string => kindOf.get(kind)?.label[lang] ?? kind;

  return (
    <div className="import-wizard" data-testid="import-wizard" data-step={step}>
      <ol className="tabs" aria-label="steps">
        {STEPS.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'active' : ''}>
            {t(lang, STEP_KEY[s])}
          </li>
        ))}
      </ol>
      {error !== null && (
        <p className="notice error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {notice !== null && <p className="notice">{notice}</p>}

      {step === 'upload' && (
        <section className="card">
          <label className="field">
            {t(lang, 'imports.goLive')}{' '}
            <input type="datetime-local" value={goLive} onChange={(e) => setGoLive(e.target.value)} data-testid="go-live" />
            <span className="muted small"> {t(lang, 'imports.goLiveHint')}</span>
          </label>
          <label className="field">
            {t(lang, 'imports.addFile')}{' '}
            <input
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple
              data-testid="file-input"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                setEntries((list) => [...list, ...files.map((file, i) => ({ id: Date.now() + i, file, kind: guessKind(file.name), mapping: {} }))]);
                e.target.value = '';
              }}
            />
          </label>
          {entries.length > 0 && (
            <table data-testid="files">
              <thead>
                <tr>
                  <th>{t(lang, 'imports.file')}</th>
                  <th>{t(lang, 'imports.kind')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.file.name}</td>
                    <td>
                      <select value={e.kind} onChange={(ev) => update(e.id, { kind: ev.target.value, mapping: {} })} data-testid={`kind-${e.file.name}`}>
                        {kinds.map((k) => (
                          <option key={k.kind} value={k.kind}>
                            {k.label[lang]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => setEntries((list) => list.filter((x) => x.id !== e.id))}>
                        {t(lang, 'imports.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="toolbar">
            <button type="button" className="primary" disabled={busy || entries.length === 0} onClick={() => void read('mapping')} data-testid="to-mapping">
              {busy ? t(lang, 'imports.working') : t(lang, 'imports.toMapping')}
            </button>
          </div>
        </section>
      )}

      {step === 'mapping' && (
        <>
          {previews.map((p, i) => {
            const entry = entries[i];
            if (entry === undefined) return null;
            const own = saved.filter((m) => m.kind === entry.kind);
            return (
              <section className="card" key={entry.id} data-testid={`mapping-${p.name}`}>
                <h2 style={{ marginTop: 0 }}>
                  {p.name} · {kindLabel(p.kind)}
                </h2>
                <p className="muted small">{t(lang, 'imports.read', { format: p.format, encoding: p.encoding ?? '—', row: p.headerRow, sheet: p.sheet === '' ? '—' : p.sheet })}</p>
                {own.length > 0 && (
                  <label className="field">
                    {t(lang, 'imports.savedMapping')}{' '}
                    <select defaultValue="" onChange={(ev) => update(entry.id, { mapping: own.find((m) => m.name === ev.target.value)?.mapping ?? {} })} data-testid="saved-mapping">
                      <option value="">{t(lang, 'imports.none')}</option>
                      {own.map((m) => (
                        <option key={m.name} value={m.name}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <table>
                  <thead>
                    <tr>
                      <th>{t(lang, 'imports.column')}</th>
                      <th>{t(lang, 'imports.header')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.columns.map((c) => (
                      <tr key={c.key}>
                        <td>
                          {c.label[lang]} {c.required && <span className="badge">{t(lang, 'imports.required')}</span>}
                        </td>
                        <td>
                          <select
                            value={entry.mapping[c.key] ?? c.header ?? ''}
                            onChange={(ev) => update(entry.id, { mapping: { ...entry.mapping, [c.key]: ev.target.value } })}
                            data-testid={`map-${c.key}`}
                          >
                            <option value="">{t(lang, 'imports.notInFile')}</option>
                            {p.headers
                              .filter((h) => h !== '')
                              .map((h) => (
                                <option key={h} value={h}>
                                  {h}
                                </option>
                              ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="toolbar">
                  <input placeholder={t(lang, 'imports.mappingName')} value={mappingName} onChange={(ev) => setMappingName(ev.target.value)} data-testid="mapping-name" />
                  <button
                    type="button"
                    disabled={mappingName.trim() === ''}
                    onClick={() => void saveMapping(entry, Object.fromEntries(p.columns.map((c) => [c.key, entry.mapping[c.key] ?? c.header ?? ''])))}
                    data-testid="save-mapping"
                  >
                    {t(lang, 'imports.saveMapping')}
                  </button>
                </div>
              </section>
            );
          })}
          <div className="toolbar">
            <button type="button" onClick={() => setStep('upload')}>
              {t(lang, 'imports.back')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void read('preview')} data-testid="to-preview">
              {busy ? t(lang, 'imports.working') : t(lang, 'imports.toPreview')}
            </button>
          </div>
        </>
      )}

      {step === 'preview' && (
        <>
          <p className="muted">{t(lang, 'imports.goodRowsKept')}</p>
          <div className="toolbar">
            <label>
              <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} data-testid="only-errors" /> {t(lang, 'imports.onlyErrors')}
            </label>
            <span className="spacer" />
            {previews.some((p) => p.counts.errors > 0) && (
              <button type="button" onClick={() => void downloadErrors()} data-testid="error-file">
                {t(lang, 'imports.errorFile')}
              </button>
            )}
          </div>
          {previews.map((p) => (
            <section className="card" key={p.name} data-testid={`preview-${p.name}`}>
              <h2 style={{ marginTop: 0 }}>
                {p.name} · {kindLabel(p.kind)}
              </h2>
              <p data-testid="counts">{t(lang, 'imports.counts', p.counts)}</p>
              <div style={{ overflowX: 'auto', maxHeight: '28rem', overflowY: 'auto' }}>
                <table className="preview">
                  <thead>
                    <tr>
                      <th>{t(lang, 'imports.row')}</th>
                      {p.columns.map((c) => (
                        <th key={c.key}>
                          {c.letter ?? '—'} {c.label[lang]}
                        </th>
                      ))}
                      <th>{t(lang, 'imports.problems')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.rows
                      .filter((r) => !onlyErrors || r.errors.length > 0)
                      .map((r) => {
                        const bad = new Set(r.errors.map((e) => e.field));
                        return (
                          <tr key={r.row} className={r.errors.length > 0 ? 'bad-row' : ''} data-row={r.row} data-bad={r.errors.length > 0 ? 'yes' : 'no'}>
                            <td className="num">{r.row}</td>
                            {p.columns.map((c) => (
                              <td key={c.key} className={bad.has(c.key) ? 'bad-cell' : ''}>
                                {r.values[c.key] ?? ''}
                              </td>
                            ))}
                            <td className="small">
                              {r.errors.map((e, i) => (
                                <div key={i}>
                                  {e.column}
                                  {r.row}: {e.message[lang]}
                                </div>
                              ))}
                            </td>
                          </tr>
                        );
                      })}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
          <div className="toolbar">
            <button type="button" onClick={() => setStep('mapping')}>
              {t(lang, 'imports.back')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void runDry()} data-testid="to-dry-run">
              {busy ? t(lang, 'imports.working') : t(lang, 'imports.toDryRun')}
            </button>
          </div>
        </>
      )}

      {step === 'dry-run' && dryRun !== null && (
        <>
          <DryRunView lang={lang} body={dryRun} />
          <div className="toolbar">
            <button type="button" onClick={() => setStep('preview')}>
              {t(lang, 'imports.back')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void commit()} data-testid="commit">
              {busy ? t(lang, 'imports.committing') : t(lang, 'imports.commit')}
            </button>
          </div>
        </>
      )}

      {step === 'done' && done !== null && (
        <section className="card">
          <p className="notice" data-testid="done">
            {t(lang, 'imports.done', { accepted: done.accepted, duplicates: done.duplicates, rejected: done.rejected.length, batches: done.batches })}
          </p>
        </section>
      )}
    </div>
  );
}
