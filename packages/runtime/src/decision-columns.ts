import type { Decision } from '@allot/engine';

/** Reads a string field of a decision that only some kinds have. */
const field = (d: Decision, name: string): string | undefined => {
  const value = (d as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The staff member a decision is about, for the `staff_id` column: `staffId`; else the new
 * owner (`toStaffId`) of a transfer; else the previous owner (`fromStaffId`) of a reclaim; else
 * the credited member (`to`, unless the department). Null when no one.
 */
export function decisionStaffId(d: Decision): string | null {
  const to = field(d, 'to');
  return field(d, 'staffId') ?? field(d, 'toStaffId') ?? field(d, 'fromStaffId') ?? (to !== undefined && to !== 'department' ? to : null);
}

/** The client a decision is about (`clientId`), or null for staff decisions. */
export function decisionClientId(d: Decision): string | null {
  return field(d, 'clientId') ?? null;
}
