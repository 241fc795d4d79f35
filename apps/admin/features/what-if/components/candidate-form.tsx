'use client';

/**
 * The what-if's candidate edited in place with the editor's own form; edits are simulated, never
 * saved.
 */
import Link from 'next/link';
import { FormProvider } from 'react-hook-form';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { PolicyFormBody } from '../../policies/client';
import { useT } from '../../shared/components/lang-context';

/**
 * The candidate edited in place with the editor's own form (the same fields, units, clauses and
 * engine validation). Edits are simulated, never saved: saving stays in the editor.
 */
export function CandidateForm({ form, edited, editorHref, onDiscard }: { form: UseFormReturn<FieldValues>; edited: boolean; editorHref: string | null; onDiscard: () => void }) {
  const t = useT();
  return (
    <section className="card" data-testid="whatif-candidate-form">
      <div className="row">
        <p className="muted small" style={{ margin: 0 }}>
          {t('whatif.editHint')}
        </p>
        {edited && (
          <span className="badge submitted" data-testid="whatif-edited">
            {t('whatif.edited')}
          </span>
        )}
        <span className="spacer" />
        <button type="button" onClick={onDiscard} disabled={!edited} data-testid="whatif-discard">
          {t('whatif.discard')}
        </button>
        {editorHref !== null && (
          <Link className="button" href={editorHref} data-testid="whatif-open-editor">
            {t('whatif.openEditor')}
          </Link>
        )}
      </div>
      <FormProvider {...form}>
        <PolicyFormBody />
      </FormProvider>
    </section>
  );
}
