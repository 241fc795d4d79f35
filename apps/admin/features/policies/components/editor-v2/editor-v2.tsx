'use client';

/**
 * The format-2 policy editor: the rules from the catalogue, codes and calendar, with every problem
 * located.
 */
import { defaultCodes, validatePolicy } from '@allot/engine';
import type { PolicyCodes, RuleType } from '@allot/engine';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { apiSend } from '../../../shared/client-api';
import { useLang, useT } from '../../../shared/components/lang-context';
import type { ConflictDetails } from '../../drafts';
import { cleanMessage, problemLabel } from '../../problem-labels';
import type { VersionView } from '../../read';
import { CATALOGUE, newRule } from '../../rule-forms';
import { validateDraft } from '../../validate-draft';
import { ConflictPanel } from '../editor/conflict-panel';
import { MESSAGES } from '../../../shared/i18n/messages';
import { DocProvider, setIn } from './doc-context';
import { TextInput } from './fields';
import type { DocApi, Problem } from './doc-context';
import { RuleCardV2 } from './rule-card-v2';
import { CalendarSection, CodesSection } from './sections-v2';
import { useUnsavedGuard } from './unsaved-guard';

const JsonView = dynamic(() => import('../editor/json-view').then((m) => m.JsonView), { ssr: false });

const text = (doc: unknown): string => JSON.stringify(doc, null, 2);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every problem of a document: the server's own check (errors), then the verifier's warnings. */
export function problemsOf(doc: unknown): Problem[] {
  const errors = validateDraft(doc);
  if (errors.length > 0) return errors.map((e) => ({ pointer: e.pointer, severity: 'error', label: problemLabel(doc, e.pointer), message: cleanMessage(e.message) }));
  const checked = validatePolicy(doc);
  if (!checked.ok) return [];
  return checked.warnings.map((w) => ({ pointer: w.pointer, severity: 'warning', label: problemLabel(doc, w.pointer), message: cleanMessage(w.message), fix: w.fix }));
}

/** The field a problem names: the input at its pointer, else the first input inside it (a value first), else the nearest container. */
export function locate(pointer: string): HTMLElement | null {
  const esc = (p: string): string => p.replace(/["\\]/g, '\\$&');
  const exact = document.querySelector<HTMLElement>(`[data-pointer="${esc(pointer)}"]`);
  if (exact !== null) return exact;
  const inside = document.querySelector<HTMLElement>(`[data-pointer^="${esc(pointer)}/"][data-pointer$="/value"]`) ?? document.querySelector<HTMLElement>(`[data-pointer^="${esc(pointer)}/"]`);
  if (inside !== null) return inside;
  const tokens = pointer.split('/');
  while (tokens.length > 1) {
    tokens.pop();
    const up = tokens.join('/');
    const el = document.querySelector<HTMLElement>(`[data-pointer="${esc(up)}"]`) ?? document.querySelector<HTMLElement>(`[data-pointer-container="${esc(up)}"]`);
    if (el !== null) return el;
  }
  return null;
}

/** Props of {@link PolicyEditorV2}. */
export interface PolicyEditorV2Props {
  view: VersionView;
  content: unknown;
  /** The text of the stored document, when it differs from `content` (a format-1 draft converted here). */
  savedContent?: unknown;
}

/**
 * The format-2 editor: rules from the catalogue, each with a form for its type (conditions
 * built from pickers), the codes, the business calendar, and the JSON view — one document,
 * checked as it is typed by the server's own validation and the verifier. Problems sit beside
 * their fields and in the sticky save bar's list, which scrolls to and focuses the field; errors
 * block saving, warnings need "save anyway" with a reason the approver reads in the audit trail.
 */
export function PolicyEditorV2({ view, content, savedContent }: PolicyEditorV2Props) {
  const lang = useLang();
  const t = useT();
  const router = useRouter();
  const [doc, setDoc] = useState<Record<string, unknown>>(() => (isObject(content) ? content : {}));
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [revision, setRevision] = useState(view.revision);
  const [status, setStatus] = useState(view.status);
  const [savedText, setSavedText] = useState(() => text(savedContent ?? content));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const [conflict, setConflict] = useState<{ message: string; details: ConflictDetails } | null>(null);
  const [catalogueOpen, setCatalogueOpen] = useState(false);
  const [anyway, setAnyway] = useState<{ open: boolean; reason: string }>({ open: false, reason: '' });
  const [note, setNote] = useState('');
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);

  const parsed = useMemo((): { ok: true; doc: unknown } | { ok: false; message: string } => {
    if (mode === 'form') return { ok: true, doc };
    try {
      return { ok: true, doc: JSON.parse(jsonText) as unknown };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }, [mode, doc, jsonText]);
  const current = parsed.ok ? parsed.doc : undefined;
  const problems = useMemo(() => (current === undefined ? [] : problemsOf(current)), [current]);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const dirty = !parsed.ok || text(current) !== savedText;
  useUnsavedGuard(dirty, t('v2.leaveConfirm'));

  const codes: PolicyCodes = isObject(doc['codes']) ? (doc['codes'] as unknown as PolicyCodes) : defaultCodes();
  const safeCodes: PolicyCodes = {
    tiers: Array.isArray(codes.tiers) ? codes.tiers : [],
    forms: Array.isArray(codes.forms) ? codes.forms : [],
    fineReasons: Array.isArray(codes.fineReasons) ? codes.fineReasons : [],
    incidents: Array.isArray(codes.incidents) ? codes.incidents : [],
  };
  const set = useCallback((tokens: readonly (string | number)[], value: unknown) => setDoc((d) => setIn(d, tokens, value) as Record<string, unknown>), []);
  const byPointer = useMemo(() => {
    const m = new Map<string, Problem[]>();
    for (const p of problems) m.set(p.pointer, [...(m.get(p.pointer) ?? []), p]);
    return m;
  }, [problems]);
  const api: DocApi = { doc, lang, codes: safeCodes, set, problemsAt: (p) => byPointer.get(p) ?? [] };

  const rules = Array.isArray(doc['rules']) ? (doc['rules'] as Array<Record<string, unknown>>) : [];
  const ids = rules.map((r) => String(r['id']));

  useEffect(() => {
    if (scrollTo === null) return;
    const el = document.getElementById(`rule-${scrollTo}`);
    if (el !== null) {
      el.scrollIntoView({ block: 'start' });
      el.querySelector<HTMLElement>('input, select, textarea')?.focus();
    }
    setScrollTo(null);
  }, [scrollTo]);

  const goTo = (pointer: string): void => {
    const go = (): void => {
      const el = locate(pointer);
      if (el === null) return;
      el.scrollIntoView({ block: 'center' });
      (el.matches('input, select, textarea, button') ? el : (el.querySelector<HTMLElement>('input, select, textarea') ?? el)).focus();
    };
    if (mode === 'json') {
      showForm();
      setTimeout(go, 50);
    } else go();
  };

  const showJson = (): void => {
    setJsonText(text(doc));
    setMode('json');
    setNotice(null);
  };
  const showForm = (): void => {
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: t('editor.jsonInvalid', { message: parsed.message }) });
      return;
    }
    setDoc(isObject(parsed.doc) ? parsed.doc : {});
    setMode('form');
    setNotice(null);
  };

  const addRule = (type: RuleType): void => {
    const rule = newRule(type, ids, safeCodes);
    if (rule === null) return;
    set(['rules'], [...rules, rule]);
    setCatalogueOpen(false);
    setScrollTo(String(rule['id']));
  };
  const moveRule = (i: number, d: number): void => {
    const copy = [...rules];
    const [x] = copy.splice(i, 1);
    copy.splice(i + d, 0, x as Record<string, unknown>);
    set(['rules'], copy);
  };
  const removeRule = (i: number): void => {
    const r = rules[i];
    if (r !== undefined && window.confirm(t('v2.removeConfirm', { rule: String(r['id']) }))) set(['rules'], rules.filter((_, j) => j !== i));
  };

  const save = async (againstRevision = revision, reason?: string): Promise<void> => {
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: t('editor.jsonInvalid', { message: parsed.message }) });
      return;
    }
    if (errors.length > 0) {
      setShowProblems(true);
      setNotice({ kind: 'error', text: t('v2.errorsBlock', { n: errors.length }) });
      return;
    }
    if (warnings.length > 0 && (reason === undefined || reason.trim() === '')) {
      setAnyway({ open: true, reason: anyway.reason });
      setShowProblems(true);
      return;
    }
    setBusy(true);
    setNotice({ kind: 'warn', text: t('editor.saving') });
    const body = { content: parsed.doc, revision: againstRevision, ...(warnings.length > 0 && reason !== undefined ? { warningsReason: reason.trim() } : {}) };
    const res = await apiSend<{ version: VersionView }>('PUT', `/api/policies/${view.policyId}/versions/${view.version}`, body);
    setBusy(false);
    if (res.ok) {
      setConflict(null);
      setAnyway({ open: false, reason: '' });
      setStatus(res.body.version.status);
      setSavedText(text(parsed.doc));
      setRevision(res.body.version.revision);
      setNotice({ kind: 'ok', text: t('editor.saved', { revision: res.body.version.revision }) });
      router.refresh();
      return;
    }
    if (res.error === 'conflict' && res.details !== undefined) {
      setConflict({ message: res.message[lang], details: res.details as ConflictDetails });
      setNotice({ kind: 'error', text: res.message[lang] });
      return;
    }
    setNotice({ kind: 'error', text: res.message[lang] });
  };

  const submit = async (): Promise<void> => {
    setBusy(true);
    const res = await apiSend('POST', `/api/policies/${view.policyId}/versions/${view.version}/submit`, { note, revision });
    setBusy(false);
    if (res.ok) router.push(`/policies/${view.policyId}/${view.version}`);
    else setNotice({ kind: 'error', text: res.message[lang] });
  };

  return (
    <div data-testid="policy-editor" data-format="2" data-revision={revision} data-status={status}>
      <div className="toolbar save-bar" data-testid="save-bar">
        <div className="row">
          <div className="tabs" role="group">
            <button type="button" aria-pressed={mode === 'form'} onClick={showForm} data-testid="view-form">
              {t('editor.formView')}
            </button>
            <button type="button" aria-pressed={mode === 'json'} onClick={() => mode === 'form' && showJson()} data-testid="view-json">
              {t('editor.jsonView')}
            </button>
          </div>
          <button type="button" className="primary" onClick={() => void save()} disabled={busy || errors.length > 0 || !parsed.ok} data-testid="save" title={errors.length > 0 ? t('v2.errorsBlock', { n: errors.length }) : undefined}>
            {t('editor.save')}
          </button>
          <span className={dirty ? 'badge submitted' : 'muted small'} data-testid="dirty-state" data-dirty={dirty}>
            {dirty ? t('editor.unsaved') : t('editor.clean')}
          </span>
          <button type="button" className={`problem-count${errors.length > 0 ? ' has-errors' : warnings.length > 0 ? ' has-warnings' : ''}`} onClick={() => setShowProblems((s) => !s)} data-testid="problem-count" data-errors={errors.length} data-warnings={warnings.length} aria-expanded={showProblems}>
            {problems.length === 0 ? t('v2.noProblems') : t('v2.problemCount', { errors: errors.length, warnings: warnings.length })}
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => setCatalogueOpen((o) => !o)} data-testid="add-rule" aria-expanded={catalogueOpen}>
            + {t('v2.addRule')}
          </button>
          <Link href={`/policies/${view.policyId}/${view.version}`}>{t('editor.backToVersion')}</Link>
        </div>
        {showProblems && problems.length > 0 && (
          <ol className="problem-list" data-testid="problem-list">
            {problems.map((p, i) => (
              <li key={i} className={p.severity} data-severity={p.severity} data-pointer-ref={p.pointer}>
                <button type="button" className="link-button" onClick={() => goTo(p.pointer)}>
                  <strong>{p.severity === 'error' ? '✖' : '⚠'} {p.label[lang]}</strong>：{p.message[lang]}
                  {p.fix !== undefined && <span className="muted"> — {p.fix[lang]}</span>}
                </button>
              </li>
            ))}
          </ol>
        )}
        {anyway.open && warnings.length > 0 && errors.length === 0 && (
          <div className="save-anyway" data-testid="save-anyway">
            <p className="small">{t('v2.anywayHint', { n: warnings.length })}</p>
            <div className="row">
              <input type="text" style={{ flex: 1, minWidth: 240 }} placeholder={t('v2.anywayReason')} aria-label={t('v2.anywayReason')} value={anyway.reason} onChange={(e) => setAnyway({ open: true, reason: e.target.value })} data-testid="anyway-reason" />
              <button type="button" className="primary" disabled={busy || anyway.reason.trim() === ''} onClick={() => void save(revision, anyway.reason)} data-testid="save-anyway-button">
                {t('v2.saveAnyway')}
              </button>
              <button type="button" onClick={() => setAnyway({ open: false, reason: anyway.reason })}>
                {t('v2.cancel')}
              </button>
            </div>
          </div>
        )}
        {notice !== null && (
          <p className={`notice ${notice.kind}`} data-testid="editor-notice" data-kind={notice.kind}>
            {notice.text}
          </p>
        )}
      </div>
      {status !== 'draft' && <p className="notice warn">{t('editor.resetWarning', { status: t(`status.${status === 'submitted' ? 'submitted' : 'approved'}`) })}</p>}
      {conflict !== null && (
        <ConflictPanel
          message={conflict.message}
          conflict={{ ...conflict.details, yours: { content: current ?? conflict.details.yours.content, revision } }}
          onKeepMine={() => void save(conflict.details.theirs.revision, anyway.reason === '' ? undefined : anyway.reason)}
          onTakeTheirs={() => {
            setDoc(isObject(conflict.details.theirs.content) ? conflict.details.theirs.content : {});
            setSavedText(text(conflict.details.theirs.content));
            setRevision(conflict.details.theirs.revision);
            if (mode === 'json') setJsonText(text(conflict.details.theirs.content));
            setConflict(null);
            setNotice(null);
          }}
        />
      )}
      {catalogueOpen && (
        <section className="card catalogue" data-testid="catalogue">
          <h3>{t('v2.catalogue')}</h3>
          <div className="catalogue-grid">
            {CATALOGUE.map((c) => {
              const possible = newRule(c.type, ids, safeCodes) !== null;
              return (
                <div key={c.type} className="catalogue-item" data-type={c.type}>
                  <strong>{c.name[lang]}</strong>
                  <p className="small">{c.description[lang]}</p>
                  <p className="small muted">{c.example[lang]}</p>
                  <button type="button" className="primary small" disabled={!possible} onClick={() => addRule(c.type)} data-testid={`catalogue-${c.type}`}>
                    {possible ? t('v2.addThis') : t('v2.allPresent')}
                  </button>
                </div>
              );
            })}
          </div>
        </section>
      )}
      {mode === 'form' ? (
        <DocProvider value={api}>
          <nav className="card small row">
            <strong>{t('editor.jump')}:</strong>
            <a href="#general">{t('editor.general')}</a>
            <a href="#codes">{t('v2.codes')}</a>
            <a href="#calendar">{t('v2.calendar')}</a>
            {ids.map((id) => (
              <a key={id} href={`#rule-${id}`}>
                {id}
              </a>
            ))}
          </nav>
          <section className="card" id="general">
            <h3>{t('editor.general')}</h3>
            <GeneralFields />
          </section>
          <CodesSection />
          <CalendarSection />
          <h2>{t('v2.rules', { n: rules.length })}</h2>
          {rules.map((r, i) => (
            <RuleCardV2 key={`${i}-${String(r['type'])}`} i={i} count={rules.length} onMove={(d) => moveRule(i, d)} onRemove={() => removeRule(i)} />
          ))}
          <button type="button" onClick={() => setCatalogueOpen(true)}>
            + {t('v2.addRule')}
          </button>
        </DocProvider>
      ) : (
        <JsonView value={jsonText} onChange={setJsonText} path={`file:///policies/${view.policyId}/${view.version}.json`} loadingLabel={t('common.loading')} />
      )}
      <section className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginTop: 0 }}>{t('editor.submitTitle')}</h2>
        <p className="muted small">{t('editor.submitHint')}</p>
        <label>
          {t('version.submitNote')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} data-testid="editor-submit-note" />
        </label>
        <button type="button" className="primary" onClick={() => void submit()} disabled={busy || dirty || status !== 'draft'} data-testid="editor-submit">
          {t('version.submit')}
        </button>
      </section>
    </div>
  );
}

function GeneralFields() {
  return (
    <>
      <TextInput tokens={['name', 'zh']} label={MESSAGES['editor.nameZh']} width={360} />
      <TextInput tokens={['name', 'en']} label={MESSAGES['editor.nameEn']} width={360} />
    </>
  );
}
