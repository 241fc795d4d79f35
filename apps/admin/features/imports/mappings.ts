/** The import wizard's saved column mappings: list, check and save. */
import { isImportKind, KIND_DEFS } from '@allot/sheets';
import type { AdminDb } from '../shared/database';

/** A saved mapping as the wizard lists it. */
export interface SavedMapping {
  kind: string;
  name: string;
  mapping: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

/** Every saved mapping, by kind then name. */
export async function listMappings(db: AdminDb): Promise<SavedMapping[]> {
  const rows = await db.selectFrom('import_mappings').selectAll().orderBy('kind').orderBy('name').execute();
  return rows.map((r) => ({ kind: r.kind, name: r.name, mapping: r.mapping, updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.updated_by }));
}

/** Checks a mapping to save: a kind, a name of 1–60 characters, column keys of the kind → header texts. */
export function checkMapping(body: Record<string, unknown>): { ok: true; value: { kind: string; name: string; mapping: Record<string, string> } } | { ok: false; zh: string; en: string } {
  const kind = body['kind'];
  const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
  const mapping = body['mapping'];
  if (typeof kind !== 'string' || !isImportKind(kind)) return { ok: false, zh: '文件类型无效', en: 'unknown kind' };
  if (name === '' || name.length > 60) return { ok: false, zh: '映射名称须为 1–60 个字符', en: 'the mapping name must be 1–60 characters' };
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) return { ok: false, zh: '映射须为对象', en: 'the mapping must be an object' };
  const keys = new Set(KIND_DEFS[kind].columns.map((c) => c.key));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(mapping as Record<string, unknown>)) {
    if (!keys.has(k)) return { ok: false, zh: `未知的列 ${k}`, en: `unknown column ${k}` };
    if (typeof v !== 'string' || v.length > 200) return { ok: false, zh: '表头须为文字', en: 'a header must be text' };
    out[k] = v;
  }
  return { ok: true, value: { kind, name, mapping: out } };
}

/** Saves (or replaces) a mapping under its kind and name. */
export async function saveMapping(db: AdminDb, value: { kind: string; name: string; mapping: Record<string, string> }, by: string, at: Date): Promise<void> {
  const text = JSON.stringify(value.mapping);
  await db
    .insertInto('import_mappings')
    .values({ kind: value.kind, name: value.name, mapping: text, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.columns(['kind', 'name']).doUpdateSet({ mapping: text, updated_at: at, updated_by: by }))
    .execute();
}
