/**
 * The roster: the staff members the events describe (`staff.joined`, `staff.left`), and their
 * names.
 */
import type { AdminDb } from '../shared/database';

/** A staff member as the events describe them (`staff.joined`, `staff.left`). */
export interface StaffMember {
  staffId: string;
  /** The name the latest `staff.joined` that gave one carried; null when none did. */
  name: string | null;
  /** Role and level of the latest `staff.joined`. */
  role: string;
  level: string | null;
  /** The first `staff.joined` (ISO-8601 as sent). */
  joinedAt: string;
  /** The last `staff.left`, when it came after the last `staff.joined`; else null (still here). */
  leftAt: string | null;
  successorId: string | null;
}

interface StaffEventPayload {
  type?: string;
  at?: string;
  staffId?: string;
  role?: string;
  level?: string;
  name?: string;
  successorId?: string;
}

/**
 * Every staff member named by a `staff.joined` event, in the order they joined (the order the
 * allocation ring uses), read from the stored events in the order the runtime applied them.
 */
export async function readRoster(db: AdminDb): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('events')
    .select(['payload'])
    .where('type', 'in', ['staff.joined', 'staff.left'])
    .orderBy('applied_at')
    .orderBy('seq')
    .execute();
  const byId = new Map<string, StaffMember>();
  for (const row of rows) {
    const e = row.payload as StaffEventPayload;
    if (typeof e.staffId !== 'string' || typeof e.at !== 'string') continue;
    const known = byId.get(e.staffId);
    if (e.type === 'staff.joined') {
      byId.set(e.staffId, {
        staffId: e.staffId,
        name: e.name ?? known?.name ?? null,
        role: e.role ?? known?.role ?? 'rep',
        level: e.level ?? null,
        joinedAt: known?.joinedAt ?? e.at,
        leftAt: null,
        successorId: null,
      });
    } else if (known !== undefined) {
      known.leftAt = e.at;
      known.successorId = e.successorId ?? null;
    }
  }
  return [...byId.values()];
}

/** Staff names by id, for tables that show ids. */
export function namesOf(roster: readonly StaffMember[]): Map<string, string | null> {
  return new Map(roster.map((m) => [m.staffId, m.name]));
}
