'use client';

/** The penalty notice's print button. */

/** Opens the browser's print dialog (the print style sheet leaves only the notice). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} data-testid="print">
      {label}
    </button>
  );
}
