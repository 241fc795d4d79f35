import { LATE_FORMS, TIERS, validateEvent } from '@allot/engine';
import type { AllotEvent, EventCodes, Localized, Zone } from '@allot/engine';
import { buildEvents } from './build-events.js';
import { KIND_DEFS } from './import-kinds.js';
import type { ColumnDef, ImportKind } from './import-kinds.js';
import { columnLetter, matchColumns, type ColumnMapping, type ColumnMatch, type MatchedColumn } from './match-columns.js';
import { cellText, isBlank, parseChoice, parseCount, parseDate, parseId, parseMoney, parseText, type Cell, type Parsed } from './parse-cell.js';
import type { Table } from './read-table.js';
import { formWords, ROLE_WORDS, SEVERITY_WORDS, tierWords } from './words.js';

/** Staff the importer knows: ids, and ids by name (a book may name people instead of numbering them). */
export interface StaffDirectory {
  ids: ReadonlySet<string>;
  byName: ReadonlyMap<string, readonly string[]>;
}

/** A directory from roster entries (stored staff, or an imported roster). */
export function staffDirectory(entries: Iterable<{ staffId: string; name?: string | null }>): StaffDirectory {
  const ids = new Set<string>();
  const byName = new Map<string, string[]>();
  for (const e of entries) {
    ids.add(e.staffId);
    const name = e.name?.trim();
    if (name !== undefined && name !== '') {
      const list = byName.get(name) ?? [];
      if (!list.includes(e.staffId)) list.push(e.staffId);
      byName.set(name, list);
    }
  }
  return { ids, byName };
}

/** What to import and how to read it. */
export interface ImportOptions {
  kind: ImportKind;
  /** The policy's zone: dates without an offset are wall time there. */
  zone: Zone;
  /** The go-live instant (ms): opening state is written at it; records must not be later. */
  goLive?: number | null;
  /** Known staff; null or absent accepts any staff id (nothing to check against). */
  staff?: StaffDirectory | null;
  /** The policy's codes (tiers, forms); default the seed's. */
  codes?: EventCodes;
  /** Saved mapping: column key → header in the file. */
  mapping?: ColumnMapping;
}

/** One problem with one cell: the spreadsheet row and column (letter, or the expected header when the column is missing). */
export interface CellError {
  row: number;
  column: string;
  /** The header the column has in the file, or the column's label when it is missing. */
  header: string;
  /** The column's key (`staffId`, `at`, …). */
  field: string;
  message: Localized;
}

/** One data row: what it read as, its errors, and the events it becomes (none when it has an error). */
export interface ImportedRow {
  row: number;
  /** The row's key (record number, or its key columns), which its event ids derive from. */
  key: string | null;
  /** The cells as text, by column key (for the preview). */
  values: Record<string, string>;
  errors: CellError[];
  events: AllotEvent[];
  /** The fine the company itself recorded for this row, in fen (violations, late entries). */
  recordedFineFen: number | null;
}

/** The outcome of importing one table. */
export interface ImportResult {
  kind: ImportKind;
  sheet: string;
  match: ColumnMatch;
  /** Required columns the file does not have: no row can be imported until they are mapped. */
  missing: ColumnDef[];
  rows: ImportedRow[];
  /** The good rows' events, in row order. */
  events: AllotEvent[];
  /** Every row's errors, in row order. */
  errors: CellError[];
}

const err = (zh: string, en: string): Localized => ({ zh, en });

/** Prefix of every imported event id, by kind: ids are `<prefix>:<row key>`, so a re-import is a no-op. */
const ID_PREFIX: { readonly [K in ImportKind]: string } = {
  staff: 'imp:staff',
  clients: 'imp:client',
  sanctions: 'imp:sanction',
  violations: 'imp:violation',
  'late-entries': 'imp:late',
  mismatches: 'imp:mismatch',
  deals: 'imp:deal',
};

/** Reads one cell by its column's type; a value that is a staff member resolves to the staff id. */
function readCell(c: ColumnDef, cell: Cell, options: ImportOptions, staff: StaffDirectory | null, tiers: Map<string, string>, forms: Map<string, string>): Parsed<unknown> {
  switch (c.type) {
    case 'id':
      return parseId(cell);
    case 'text':
      return parseText(cell);
    case 'date':
      return parseDate(cell, options.zone);
    case 'money':
      return parseMoney(cell);
    case 'count':
      return parseCount(cell);
    case 'tier':
      return parseChoice(cell, tiers, { zh: '客户类型', en: 'tier' });
    case 'role':
      return parseChoice(cell, ROLE_WORDS, { zh: '岗位', en: 'role' });
    case 'form':
      return parseChoice(cell, forms, { zh: '表单', en: 'form' });
    case 'severity':
      return parseChoice(cell, SEVERITY_WORDS, { zh: '严重程度', en: 'severity' });
    case 'staff': {
      const id = parseId(cell);
      if (!id.ok || staff === null) return id;
      if (staff.ids.has(id.value)) return id;
      const named = staff.byName.get(id.value) ?? [];
      if (named.length === 1) return { ok: true, value: named[0] };
      if (named.length > 1) return { ok: false, message: err(`有 ${named.length} 位员工叫"${id.value}"(${named.join('、')}),请填写工号`, `${named.length} staff are named "${id.value}" (${named.join(', ')}): write the staff id`) };
      return { ok: false, message: err(`未知员工"${id.value}":名册中没有这个工号或姓名`, `unknown staff "${id.value}": no such id or name in the roster`) };
    }
  }
}

/**
 * Imports one table as a kind: finds the header row and columns, reads every data row, and
 * turns each good row into its events. A row with any error becomes no event and its errors
 * name the row and column; the other rows are never lost. A repeated key is an error on the
 * later row. Event ids derive from the row key, so importing the same rows again adds nothing.
 */
export function importTable(table: Table, options: ImportOptions): ImportResult {
  const def = KIND_DEFS[options.kind];
  const match = matchColumns(table.rows, def, options.mapping);
  const missing = match.columns.filter((c) => c.index === null && c.def.required).map((c) => c.def);
  const codes = options.codes ?? {};
  const tiers = tierWords(codes.tiers ?? TIERS);
  const forms = formWords(codes.forms === undefined ? LATE_FORMS : codes.forms);
  let staff = options.staff ?? null;
  const dataRows = table.rows.filter((r) => r.row > match.headerRow && !r.cells.every(isBlank));
  if (options.kind === 'staff' && staff !== null) {
    // The roster's own members are known to its successor column.
    const idColumn = match.columns.find((c) => c.def.key === 'staffId')?.index ?? null;
    const nameColumn = match.columns.find((c) => c.def.key === 'name')?.index ?? null;
    const own = dataRows.flatMap((r) => {
      const id = idColumn === null ? '' : cellText(r.cells[idColumn] ?? null);
      return id === '' ? [] : [{ staffId: id, name: nameColumn === null ? null : cellText(r.cells[nameColumn] ?? null) }];
    });
    staff = staffDirectory([...[...staff.ids].map((staffId) => ({ staffId })), ...[...staff.byName].flatMap(([name, ids]) => ids.map((staffId) => ({ staffId, name }))), ...own]);
  }
  const where = (c: MatchedColumn): { column: string; header: string } =>
    c.index === null ? { column: c.def.label.zh, header: c.def.label.zh } : { column: columnLetter(c.index), header: c.header ?? '' };
  const seen = new Map<string, number>();
  const rows: ImportedRow[] = [];
  for (const r of dataRows) {
    const errors: CellError[] = [];
    const values: Record<string, string> = {};
    const parsed: Record<string, unknown> = {};
    const fail = (c: MatchedColumn, message: Localized): void => {
      errors.push({ row: r.row, ...where(c), field: c.def.key, message });
    };
    for (const c of match.columns) {
      const cell = c.index === null ? null : (r.cells[c.index] ?? null);
      values[c.def.key] = cellText(cell);
      if (isBlank(cell)) {
        if (c.def.required) fail(c, c.index === null ? err(`缺少"${c.def.label.zh}"列`, `the file has no "${c.def.label.en}" column`) : err('必填,不能为空', 'required: must not be empty'));
        continue;
      }
      const value = readCell(c.def, cell, options, staff, tiers, forms);
      if (value.ok) {
        if (value.value !== null) parsed[c.def.key] = value.value;
      } else fail(c, value.message);
    }
    const columnOf = (key: string): MatchedColumn => match.columns.find((c) => c.def.key === key) ?? (match.columns[0] as MatchedColumn);
    const built = errors.length === 0 ? buildEvents(options.kind, parsed, options, (key, message) => fail(columnOf(key), message), options.zone) : null;
    let key: string | null = null;
    if (built !== null && errors.length === 0) {
      key = built.key;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const keyColumn = typeof parsed['recordId'] === 'string' ? 'recordId' : (def.key[0] as string);
        fail(columnOf(keyColumn), err(`与第 ${earlier} 行重复(同一${def.key.map((k) => columnOf(k).def.label.zh).join('、')})`, `duplicate of row ${earlier} (same ${def.key.map((k) => columnOf(k).def.label.en).join(', ')})`));
      } else seen.set(key, r.row);
    }
    const events: AllotEvent[] = [];
    if (built !== null && errors.length === 0) {
      const prefix = ID_PREFIX[options.kind];
      for (const [suffix, body] of built.events) {
        const event = { id: `${prefix}:${built.key}${suffix}`, ...body } as unknown;
        const checked = validateEvent(event, r.row, options.codes);
        if (checked.ok) events.push(checked.event);
        else for (const e of checked.errors) fail(columnOf(e.field === null ? (def.key[0] as string) : fieldColumn(options.kind, e.field, suffix)), err(e.message, e.message));
      }
    }
    const fine = parsed['recordedFineFen'];
    rows.push({ row: r.row, key, values, errors, events: errors.length === 0 ? events : [], recordedFineFen: typeof fine === 'number' ? fine : null });
  }
  return {
    kind: options.kind,
    sheet: table.sheet,
    match,
    missing,
    rows,
    events: rows.flatMap((r) => r.events),
    errors: rows.flatMap((r) => r.errors),
  };
}

/** The column an event field came from (most fields are named like their column). */
function fieldColumn(kind: ImportKind, field: string, suffix: string): string {
  if (kind === 'staff' && field === 'at') return suffix === ':left' ? 'leftAt' : 'joinedAt';
  if (field === 'at' && (kind === 'clients' || kind === 'sanctions')) return KIND_DEFS[kind].key[0] as string;
  if (field === 'id') return KIND_DEFS[kind].key[0] as string;
  return field;
}
