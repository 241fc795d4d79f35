/** Strings of the people pages (merged into the messages table by messages.ts). Keys start with `people.`. */
export const PEOPLE_MESSAGES = {
  'people.title': { zh: 'people', en: 'people' },
} as const;
