'use client';

/** A draft's JSON in the Monaco editor, checked against the policy schema. */
import Editor from '@monaco-editor/react';
import { policyFileSchema } from '@allot/engine';
import { useMemo } from 'react';
import { POLICY_SCHEMA_URI, setupMonaco } from '../../monaco/setup';

/** Props of {@link JsonView}. */
export interface JsonViewProps {
  value: string;
  onChange: (text: string) => void;
  /** The model's URI, laid out as in the repository (`file:///policies/<id>/<version>.json`). */
  path: string;
  loadingLabel: string;
  readOnly?: boolean;
}

/** The JSON view of a policy: Monaco with the policy JSON Schema of both formats (completion, hover, diagnostics). */
export function JsonView({ value, onChange, path, loadingLabel, readOnly = false }: JsonViewProps) {
  // Either format: a file with "format": 2 is checked as format 2, any other as format 1.
  useMemo(() => setupMonaco(policyFileSchema, POLICY_SCHEMA_URI), []);
  return (
    <div className="json-view" data-testid="json-view">
      <Editor
        height="70vh"
        language="json"
        path={path}
        value={value}
        loading={loadingLabel}
        onChange={(v) => onChange(v ?? '')}
        options={{ minimap: { enabled: false }, tabSize: 2, readOnly, scrollBeyondLastLine: false, automaticLayout: true }}
      />
    </div>
  );
}
