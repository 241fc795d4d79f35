/** Strings of the clients pages (merged into the messages table by messages.ts). Keys start with `clients.`. */
export const CLIENTS_MESSAGES = {
  'clients.title': { zh: 'clients', en: 'clients' },
} as const;
