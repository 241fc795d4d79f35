/** The admin roles (issue 4). No role includes another: each grants only what it lists below. */
export const ROLES = ['viewer', 'editor', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Is this string a role? */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who may do what. Route handlers and pages check these lists themselves; the UI uses the same
 * lists only to hide buttons a user could not use anyway.
 */
export const PERMISSIONS = {
  /** Read policies, versions, diffs and the audit trail. */
  viewPolicies: ['viewer', 'editor', 'approver', 'auditor', 'admin'],
  /** Create drafts, edit them, submit them for approval (HR). */
  editDrafts: ['editor'],
  /** Approve or reject a submitted draft, publish an approved version, roll back (manager). */
  approve: ['approver'],
  /** See the what-if impact of a version over stored history (names people and money). */
  viewImpact: ['editor', 'approver', 'auditor'],
  /** Read recorded decisions. */
  viewDecisions: ['auditor', 'admin'],
  /** Feed events to the runtime (integrations). */
  ingestEvents: ['admin'],
  /** Manage users. */
  manageUsers: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Does the role grant the permission? */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
