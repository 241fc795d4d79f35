'use client';

/**
 * The draft editor: one document in two views, the numbers form and the JSON view, saved with the
 * revision it started from.
 */
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { validatePolicy } from '@allot/engine';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { FieldValues, Resolver } from 'react-hook-form';
import { apiSend } from '../../../shared/client-api';
import { draftSchema } from '../../draft-schema';
import { describeField } from '../../diff';
import { cleanMessage } from '../../problem-labels';
import type { DraftError } from '../../validate-draft';
import type { ConflictDetails } from '../../drafts';
import type { VersionView } from '../../read';
import { useLang, useT } from '../../../shared/components/lang-context';
import { ConflictPanel } from './conflict-panel';
import { PolicyFormBody } from './form-body';
import { useUnsavedGuard } from '../editor-v2/unsaved-guard';

const JsonView = dynamic(() => import('./json-view').then((m) => m.JsonView), { ssr: false });

/** The JSON a form value stands for (drops keys left empty). */
const asDoc = (values: unknown): unknown => JSON.parse(JSON.stringify(values)) as unknown;
const text = (doc: unknown): string => JSON.stringify(doc, null, 2);

/** Props of {@link PolicyEditor}. */
export interface PolicyEditorProps {
  view: VersionView;
  content: unknown;
}

/**
 * The draft editor: one document, two views. The form (react-hook-form, validated by the
 * engine's schema through @hookform/resolvers) shows every number grouped by rule with its unit,
 * label and clause; the JSON view is Monaco with the policy JSON Schema. Saving names the
 * revision it started from, so a stale save is refused with both versions shown.
 */
export function PolicyEditor({ view, content }: PolicyEditorProps) {
  const lang = useLang();
  const t = useT();
  const router = useRouter();
  // The form's values are the policy document itself (money as fen); typed loosely because
  // the recursive condition type is too deep for react-hook-form's path types.
  const resolver = useMemo(() => standardSchemaResolver(draftSchema(lang)) as unknown as Resolver<FieldValues>, [lang]);
  const form = useForm<FieldValues>({ defaultValues: content as FieldValues, resolver, mode: 'onChange' });
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [revision, setRevision] = useState(view.revision);
  const [status, setStatus] = useState(view.status);
  const [savedText, setSavedText] = useState(() => text(content));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(null);
  const [problems, setProblems] = useState<DraftError[]>([]);
  const [conflict, setConflict] = useState<{ message: string; details: ConflictDetails } | null>(null);
  const [note, setNote] = useState('');
  const values: unknown = useWatch({ control: form.control });

  const currentDoc = (): { ok: true; doc: unknown } | { ok: false; message: string } => {
    if (mode === 'form') return { ok: true, doc: asDoc(form.getValues()) };
    try {
      return { ok: true, doc: JSON.parse(jsonText) as unknown };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  const dirty = mode === 'form' ? text(asDoc(values)) !== savedText : differsFrom(jsonText, savedText);
  useUnsavedGuard(dirty, t('v2.leaveConfirm'));
  // The verifier's warnings (a tier band that never applies, a ladder out of order…): said, not blocking.
  const formDoc = mode === 'form' ? asDoc(values) : null;
  const formText = formDoc === null ? '' : text(formDoc);
  const warnings = useMemo(() => {
    if (formText === '') return [];
    const checked = validatePolicy(JSON.parse(formText) as unknown);
    return checked.ok ? checked.warnings : [];
  }, [formText]);

  const showJson = (): void => {
    setJsonText(text(asDoc(form.getValues())));
    setMode('json');
    setNotice(null);
  };
  const showForm = (): void => {
    const parsed = currentDoc();
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: t('editor.jsonInvalid', { message: parsed.message }) });
      return;
    }
    form.reset(parsed.doc as FieldValues, { keepDefaultValues: true });
    setMode('form');
    setNotice(null);
    void form.trigger();
  };
  const loadSaved = (doc: unknown, rev: number): void => {
    setSavedText(text(doc));
    setRevision(rev);
    form.reset(doc as FieldValues);
    if (mode === 'json') setJsonText(text(doc));
  };

  const save = async (againstRevision = revision): Promise<void> => {
    const current = currentDoc();
    if (!current.ok) {
      setNotice({ kind: 'error', text: t('editor.jsonInvalid', { message: current.message }) });
      return;
    }
    if (mode === 'form' && !(await form.trigger())) {
      setNotice({ kind: 'error', text: t('editor.invalid', { n: countErrors(current.doc) }) });
      return;
    }
    setBusy(true);
    setNotice({ kind: 'warn', text: t('editor.saving') });
    const res = await apiSend<{ version: VersionView }>('PUT', `/api/policies/${view.policyId}/versions/${view.version}`, { content: current.doc, revision: againstRevision });
    setBusy(false);
    if (res.ok) {
      setConflict(null);
      setProblems([]);
      setStatus(res.body.version.status);
      setSavedText(text(current.doc));
      setRevision(res.body.version.revision);
      if (mode === 'json') setJsonText(text(current.doc));
      setNotice({ kind: 'ok', text: t('editor.saved', { revision: res.body.version.revision }) });
      router.refresh();
      return;
    }
    if (res.error === 'conflict' && res.details !== undefined) {
      setConflict({ message: res.message[lang], details: res.details as ConflictDetails });
      setNotice({ kind: 'error', text: res.message[lang] });
      return;
    }
    setProblems(Array.isArray(res.details) ? (res.details as DraftError[]) : []);
    setNotice({ kind: 'error', text: res.message[lang] });
  };

  const submit = async (): Promise<void> => {
    setBusy(true);
    const res = await apiSend('POST', `/api/policies/${view.policyId}/versions/${view.version}/submit`, { note, revision });
    setBusy(false);
    if (res.ok) router.push(`/policies/${view.policyId}/${view.version}`);
    else {
      setProblems(Array.isArray(res.details) ? (res.details as DraftError[]) : []);
      setNotice({ kind: 'error', text: res.message[lang] });
    }
  };

  const currentForDiff = currentDoc();
  return (
    <div data-testid="policy-editor" data-revision={revision} data-status={status}>
      <div className="toolbar row">
        <div className="tabs" role="group">
          <button type="button" aria-pressed={mode === 'form'} onClick={showForm} data-testid="view-form">
            {t('editor.formView')}
          </button>
          <button type="button" aria-pressed={mode === 'json'} onClick={() => mode === 'form' && showJson()} data-testid="view-json">
            {t('editor.jsonView')}
          </button>
        </div>
        <button type="button" className="primary" onClick={() => void save()} disabled={busy} data-testid="save">
          {t('editor.save')}
        </button>
        <span className={dirty ? 'badge submitted' : 'muted small'} data-testid="dirty-state" data-dirty={dirty}>
          {dirty ? t('editor.unsaved') : t('editor.clean')}
        </span>
        <span className="spacer" />
        <Link href={`/policies/${view.policyId}/${view.version}`}>{t('editor.backToVersion')}</Link>
      </div>
      {warnings.length > 0 && (
        <ul className="notice warn" data-testid="verifier-warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              <strong>{describeField(formDoc, w.pointer).label[lang]}</strong>：{cleanMessage(w.message)[lang]} — {w.fix[lang]}
            </li>
          ))}
        </ul>
      )}
      {status !== 'draft' && <p className="notice warn">{t('editor.resetWarning', { status: t(`status.${status === 'submitted' ? 'submitted' : 'approved'}`) })}</p>}
      {notice !== null && (
        <p className={`notice ${notice.kind}`} data-testid="editor-notice" data-kind={notice.kind}>
          {notice.text}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="error-list" data-testid="problems">
          {problems.map((p, i) => (
            <li key={i}>
              <strong>{currentForDiff.ok ? describeField(currentForDiff.doc, p.pointer).label[lang] : t('editor.problems')}</strong>：{cleanMessage(p.message)[lang]}
            </li>
          ))}
        </ul>
      )}
      {conflict !== null && (
        <ConflictPanel
          message={conflict.message}
          conflict={{ ...conflict.details, yours: { content: currentForDiff.ok ? currentForDiff.doc : conflict.details.yours.content, revision } }}
          onKeepMine={() => void save(conflict.details.theirs.revision)}
          onTakeTheirs={() => {
            loadSaved(conflict.details.theirs.content, conflict.details.theirs.revision);
            setConflict(null);
            setNotice(null);
          }}
        />
      )}
      <FormProvider {...form}>
        {mode === 'form' ? (
          <PolicyFormBody />
        ) : (
          <JsonView value={jsonText} onChange={setJsonText} path={`file:///policies/${view.policyId}/${view.version}.json`} loadingLabel={t('common.loading')} />
        )}
      </FormProvider>
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

/** Does the JSON view's text stand for another document than the saved one (formatting aside)? */
function differsFrom(jsonText: string, savedText: string): boolean {
  if (jsonText === savedText) return false;
  try {
    return text(JSON.parse(jsonText)) !== savedText;
  } catch {
    return true;
  }
}

/** How many problems the draft has (for the "not saved" notice). */
function countErrors(doc: unknown): number {
  return Math.max(1, (draftSchema('zh')['~standard'].validate(doc).issues ?? []).length);
}
