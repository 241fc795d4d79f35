'use client';

/**
 * The editor for a draft: the format-2 editor, or for a format-1 draft the numbers form with a
 * move to format 2.
 */
import { migratePolicy, validatePolicy } from '@allot/engine';
import { useState } from 'react';
import { useT } from '../../../shared/components/lang-context';
import type { VersionView } from '../../read';
import { PolicyEditor } from '../editor/editor';
import { PolicyEditorV2 } from './editor-v2';

const isFormat2 = (doc: unknown): boolean => doc !== null && typeof doc === 'object' && (doc as { format?: unknown }).format === 2;

/**
 * The editor for a draft: the format-2 editor (rules from the catalogue, codes, calendar) for a
 * format-2 draft; for a format-1 draft the numbers form, with a button that turns the draft into
 * format 2 (`migratePolicy`: the same decisions, now open to new rules) — saved when HR saves.
 */
export function DraftEditor({ view, content, seedClauses = {} }: { view: VersionView; content: unknown; seedClauses?: Record<string, { quote: string; reading: string }> }) {
  const t = useT();
  const [converted, setConverted] = useState<unknown>(null);
  if (isFormat2(content)) return <PolicyEditorV2 view={view} content={content} />;
  if (converted !== null) return <PolicyEditorV2 view={view} content={converted} savedContent={content} />;
  const convert = (): void => {
    const checked = validatePolicy(content);
    if (!checked.ok) {
      window.alert(t('v2.convertInvalid'));
      return;
    }
    const migrated = { $schema: '../schema/policy.schema.json', ...(migratePolicy(checked.policy) as unknown as Record<string, unknown>), version: view.version } as Record<string, unknown>;
    // Clauses still quoting the seed take 2.0.0's complete quote and clean reading.
    for (const rule of migrated['rules'] as Array<{ id: string; clause?: { section: string; quote: string; reading?: string } }>) {
      const seed = seedClauses[rule.id];
      if (seed !== undefined && rule.clause !== undefined && rule.clause.quote.length > 0 && seed.quote.startsWith(rule.clause.quote)) rule.clause = { ...rule.clause, quote: seed.quote, reading: seed.reading };
    }
    setConverted(JSON.parse(JSON.stringify(migrated)) as unknown);
  };
  return (
    <>
      <div className="notice info row" data-testid="convert-banner">
        <span>{t('v2.convertHint')}</span>
        <span className="spacer" />
        <button type="button" className="primary" onClick={convert} data-testid="convert-format2">
          {t('v2.convert')}
        </button>
      </div>
      <PolicyEditor view={view} content={content} />
    </>
  );
}
