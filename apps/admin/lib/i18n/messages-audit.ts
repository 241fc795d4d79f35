/** Strings of the audit pages (merged into the messages table by messages.ts). Keys start with `audit.`. */
export const AUDIT_MESSAGES = {
  'audit.title': { zh: 'audit', en: 'audit' },
} as const;
