/** One decision for the explorer's page and route, looked up by the id in the URL. */
import type { AppContext } from '../shared/app-context';
import { storeDb } from '../shared/database';
import { readAuditDecision } from './decision';
import type { AuditDecision } from './decision';

/**
 * One decision for the explorer's page and route, by the id in the URL. Decision ids hold `#`
 * and `:`; the id is looked up as the router hands it over and, if that finds nothing and it
 * still holds %-escapes, once more decoded (so a link encoded once or twice both work).
 */
export async function findAuditDecision(app: Pick<AppContext, 'runtime' | 'db' | 'clock'>, idParam: string, actor: string, options: { wait?: boolean } = {}): Promise<AuditDecision | null> {
  const candidates = [idParam];
  try {
    const decoded = decodeURIComponent(idParam);
    if (decoded !== idParam) candidates.push(decoded);
  } catch {
    // not %-encoded
  }
  for (const id of candidates) {
    if (id.length === 0 || id.length > 200) continue;
    const view = await readAuditDecision(app.runtime, storeDb(app.db), id, actor, app.clock.now(), options);
    if (view !== null) return view;
  }
  return null;
}
