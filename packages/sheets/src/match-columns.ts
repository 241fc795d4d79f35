import type { ColumnDef, KindDef } from './import-kinds.js';
import { cellText, normalizeWord } from './parse-cell.js';
import type { TableRow } from './read-table.js';

/** A saved or edited mapping: column key → the header text in the file ('' = not in the file). */
export type ColumnMapping = Readonly<Record<string, string>>;

/** Where one column of a kind was found in the file. */
export interface MatchedColumn {
  def: ColumnDef;
  /** 0-based index in the row, or null when the file has no such column. */
  index: number | null;
  /** The header text as the file writes it, or null. */
  header: string | null;
}

/** The header row found and each column's place in it. */
export interface ColumnMatch {
  /** Spreadsheet number of the header row (rows above it are titles and are skipped). */
  headerRow: number;
  headers: string[];
  columns: MatchedColumn[];
  /** Headers no column uses (shown on the mapping screen). */
  unused: string[];
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** How many rows from the top may be titles before the header row. */
const HEADER_SEARCH = 10;

function matchRow(headers: string[], def: KindDef, mapping: ColumnMapping | undefined): MatchedColumn[] {
  const normalized = headers.map((h) => normalizeWord(h));
  const taken = new Set<number>();
  const out: MatchedColumn[] = [];
  // A saved mapping is honoured first; the header names then find the rest.
  const place = (c: ColumnDef, index: number | null): void => {
    if (index !== null) taken.add(index);
    out.push({ def: c, index, header: index === null ? null : (headers[index] ?? null) });
  };
  const byKey = new Map<string, number | null>();
  for (const c of def.columns) {
    const wanted = mapping?.[c.key];
    if (wanted === undefined) continue;
    if (wanted === '') {
      byKey.set(c.key, null);
      continue;
    }
    const i = normalized.indexOf(normalizeWord(wanted));
    if (i >= 0 && !taken.has(i)) {
      byKey.set(c.key, i);
      taken.add(i);
    }
  }
  for (const c of def.columns) {
    if (byKey.has(c.key)) continue;
    let found: number | null = null;
    for (const name of c.headers) {
      const i = normalized.indexOf(normalizeWord(name));
      if (i >= 0 && !taken.has(i)) {
        found = i;
        break;
      }
    }
    if (found !== null) taken.add(found);
    byKey.set(c.key, found);
  }
  taken.clear();
  for (const c of def.columns) place(c, byKey.get(c.key) ?? null);
  return out;
}

/**
 * Finds the header row (the row among the first ten that finds the most columns, required ones
 * first) and where each column of the kind is. `mapping` (a saved mapping) names headers for
 * columns whose names the file spells its own way.
 */
export function matchColumns(rows: readonly TableRow[], def: KindDef, mapping?: ColumnMapping): ColumnMatch {
  let best: { score: number; row: TableRow; columns: MatchedColumn[] } | null = null;
  for (const row of rows.slice(0, HEADER_SEARCH)) {
    const headers = row.cells.map((c) => cellText(c));
    const columns = matchRow(headers, def, mapping);
    const score = columns.reduce((s, c) => s + (c.index === null ? 0 : c.def.required ? 100 : 1), 0);
    if (best === null || score > best.score) best = { score, row, columns };
  }
  if (best === null || best.score === 0) {
    const first = rows[0];
    const headers = first === undefined ? [] : first.cells.map((c) => cellText(c));
    return { headerRow: first?.row ?? 1, headers, columns: def.columns.map((c) => ({ def: c, index: null, header: null })), unused: headers.filter((h) => h !== '') };
  }
  const headers = best.row.cells.map((c) => cellText(c));
  const used = new Set(best.columns.flatMap((c) => (c.index === null ? [] : [c.index])));
  return { headerRow: best.row.row, headers, columns: best.columns, unused: headers.filter((h, i) => h !== '' && !used.has(i)) };
}
