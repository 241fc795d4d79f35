'use client';

/** The policy text's print button. */

/** Opens the browser's print dialog (the page's print stylesheet leaves only the policy text). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} data-testid="print">
      {label}
    </button>
  );
}
