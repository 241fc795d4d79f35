/**
 * The admin roles. No role includes another: each grants only what it lists below. A `rep` is a
 * sales rep linked to one staff member (`users.staff_id`): they see their own clients only.
 */
export const ROLES = ['viewer', 'editor', 'approver', 'auditor', 'admin', 'rep'] as const;
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
  /** The inbox: versions to approve or publish, access requests to decide, drafts sent back. */
  inbox: ['editor', 'approver'],
  /** Ask to roll back to an earlier published version (a new version, approved by someone else). */
  requestRollback: ['editor', 'approver'],
  /** See the what-if impact of a version over stored history (names people and money). */
  viewImpact: ['editor', 'approver', 'auditor'],
  /** Read recorded decisions. */
  viewDecisions: ['auditor', 'admin'],
  /** Feed events to the runtime (integrations). */
  ingestEvents: ['admin'],
  /** Manage users. */
  manageUsers: ['admin'],
  /** Run what-if simulations of any version over stored history (issue 5, part 1). */
  runWhatIf: ['editor', 'approver', 'auditor'],
  /** The audit explorer, Verify and the access log (issue 5, part 2). */
  audit: ['auditor'],
  /** People pages: status, timeline, fines, the allocation ring (issue 5, part 3). */
  viewPeople: ['editor', 'approver', 'auditor', 'admin'],
  /** Client pages; personal data masked unless owned (rep) or unlocked by an approved request (issue 5, part 4). */
  viewClients: ['rep', 'editor', 'approver', 'auditor', 'admin'],
  /** Ask to see another rep's client's personal data. */
  requestAccess: ['rep', 'editor', 'approver', 'auditor'],
  /** Approve or reject access requests (the seed's chairman; never one's own request). */
  approveAccess: ['approver'],
  /** The weekly report (seed W1). */
  viewReports: ['editor', 'approver', 'auditor'],
  /** Penalty notices of anyone (HR prints them, auditors check them); a person always sees their own. */
  viewNotices: ['editor', 'auditor'],
  /** Acknowledge or appeal a sanction of one's own (a rep linked to a staff member). */
  appealOwn: ['rep'],
  /** Decide appeals and dismiss sanctions, with a reason (the manager). */
  decideAppeals: ['approver'],
  /** Create and revoke API tokens for the HTTP API (issue 5, part 5). */
  manageTokens: ['admin'],
  /** Import the company's books (roster, clients, sanctions, records) and dry-run them to go-live (HR, administrator). */
  importBooks: ['editor', 'admin'],
  /** Webhook endpoints, robot and e-mail channels, the delivery log, replays (issue 16). */
  manageIntegrations: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Does the role grant the permission? */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
