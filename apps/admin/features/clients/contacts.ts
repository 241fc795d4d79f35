/**
 * Clients' personal data (seed A1), stored outside the event log: written in, read only through
 * `pii.ts`, and the demo contacts.
 */
import type { AdminDb } from '../shared/database';

/** A client's personal data (seed A1). */
export interface ClientContact {
  clientId: string;
  name: string;
  phone: string;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** Writes (or replaces) clients' personal data; `by` is the user or API token that sent it. */
export async function upsertContacts(db: AdminDb, contacts: readonly ClientContact[], by: string, at: Date): Promise<void> {
  for (let i = 0; i < contacts.length; i += 500) {
    const rows = contacts.slice(i, i + 500).map((c) => ({ client_id: c.clientId, name: c.name, phone: c.phone, updated_at: at, updated_by: by }));
    await db
      .insertInto('client_contacts')
      .values(rows)
      .onConflict((oc) =>
        oc.column('client_id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), phone: eb.ref('excluded.phone'), updated_at: eb.ref('excluded.updated_at'), updated_by: eb.ref('excluded.updated_by') })),
      )
      .execute();
  }
}

/**
 * The stored personal data of these clients, unmasked. Server code only: every caller must pass
 * the result through the masking check (features/clients/pii) before it leaves the server.
 */
export async function readContacts(db: AdminDb, clientIds: readonly string[]): Promise<Map<string, ClientContact>> {
  const out = new Map<string, ClientContact>();
  for (let i = 0; i < clientIds.length; i += 1000) {
    const ids = clientIds.slice(i, i + 1000);
    if (ids.length === 0) continue;
    const rows = await db.selectFrom('client_contacts').select(['client_id', 'name', 'phone']).where('client_id', 'in', ids).execute();
    for (const r of rows) out.set(r.client_id, { clientId: r.client_id, name: r.name, phone: r.phone });
  }
  return out;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平'];
const PREFIXES = ['138', '139', '150', '151', '158', '186', '187', '135', '136', '137'];

/** A small deterministic hash (FNV-1a) so the demo data is the same on every machine. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Made-up personal data for a demo client: a name like 王伟 (contact at company) and an 11-digit mobile number. */
export function demoContact(clientId: string): ClientContact {
  const h = fnv(clientId);
  const h2 = fnv(`${clientId}#phone`);
  const name = `${SURNAMES[h % SURNAMES.length] ?? '王'}${GIVEN[(h >>> 8) % GIVEN.length] ?? '伟'}${(h >>> 16) % 3 === 0 ? (GIVEN[(h >>> 20) % GIVEN.length] ?? '') : ''}`;
  const phone = `${PREFIXES[h2 % PREFIXES.length] ?? '138'}${String(h2 % 100_000_000).padStart(8, '0')}`;
  return { clientId, name, phone };
}
