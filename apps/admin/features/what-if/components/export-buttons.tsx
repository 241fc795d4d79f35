'use client';

/** The what-if's download buttons: the run as a workbook or a CSV. */
import { useState } from 'react';
import type { WhatIfResult } from '../types';
import { useLang } from '../../shared/components/lang-context';

/**
 * "导出 Excel" / "导出 CSV": the run the page shows, as a workbook (totals with the period, mode
 * and decision counts, per week, per person) made by the server with exceljs.
 */
export function ExportButtons({ result, fileName }: { result: WhatIfResult; fileName: string }) {
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'xlsx' | 'csv'): Promise<void> => {
    setError(null);
    const res = await fetch('/api/what-if/export', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result, format }) });
    if (!res.ok) return setError(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.${format}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <span className="row">
      <button type="button" className="primary" onClick={() => void save('xlsx')} data-testid="whatif-xlsx">
        {lang === 'zh' ? '导出 Excel' : 'Export Excel'}
      </button>
      {error !== null && <span className="field-error">{error}</span>}
    </span>
  );
}
