/** Finding staff by what a person typed: an id, an exact name, or the one name that contains the text. */

/** A staff member as lookups need them. */
export interface NamedStaff {
  staffId: string;
  name: string | null;
}

/**
 * The staff id a person typed into a search: an id as it is (any case), else the member whose
 * name is exactly the text, else the only member whose name contains it. Null when nothing, or
 * more than one member, matches a partial name: the search then says so instead of guessing.
 */
export function resolveStaff(text: string, members: readonly NamedStaff[]): string | null {
  const q = text.trim();
  if (q === '') return null;
  const byId = members.find((m) => m.staffId.toLowerCase() === q.toLowerCase());
  if (byId !== undefined) return byId.staffId;
  const exact = members.filter((m) => m.name === q);
  if (exact.length >= 1) return exact[0]?.staffId ?? null;
  const partial = members.filter((m) => m.name !== null && m.name.includes(q));
  return partial.length === 1 ? (partial[0]?.staffId ?? null) : null;
}

/** Staff whose id or name contains the text (case-insensitive for ids). */
export function matchStaff<T extends NamedStaff>(text: string, members: readonly T[]): T[] {
  const q = text.trim().toLowerCase();
  if (q === '') return [...members];
  return members.filter((m) => m.staffId.toLowerCase().includes(q) || (m.name !== null && m.name.toLowerCase().includes(q)));
}
