/** Strings of the api pages (merged into the messages table by messages.ts). Keys start with `api.`. */
export const API_MESSAGES = {
  'api.title': { zh: 'api', en: 'api' },
} as const;
