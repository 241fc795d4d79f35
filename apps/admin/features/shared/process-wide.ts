/**
 * One value per server process, kept on `globalThis` under `Symbol.for(name)`: Next.js may load a
 * module in more than one bundle (pages, route handlers, the job queue's handlers), and a cache
 * that one bundle fills must be the one another reads (the what-if replays a job caches are
 * the ones the version page shows).
 */
export function processWide<T>(name: string, make: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`allot.admin.${name}`);
  if (!(key in holder)) holder[key] = make();
  return holder[key] as T;
}
