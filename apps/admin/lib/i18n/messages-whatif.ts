/** Strings of the whatif pages (merged into the messages table by messages.ts). Keys start with `whatif.`. */
export const WHATIF_MESSAGES = {
  'whatif.title': { zh: 'whatif', en: 'whatif' },
} as const;
