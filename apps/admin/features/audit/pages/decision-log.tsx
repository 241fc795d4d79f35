/** The /decisions page (auditor, admin): the recorded decisions, page by page. */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { decisionHref } from '../components/format';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.viewDecisions);
  const lang = await getLang();
  const q = await searchParams;
  const after = Number(q['after'] ?? '0');
  // "In force only" leaves out what an appeal or a dismissal superseded, and the supersessions.
  const inForce = q['inForce'] === 'true';
  const filters = { ...(q['staffId'] ? { staffId: q['staffId'] } : {}), ...(q['kind'] ? { kind: q['kind'] } : {}), ...(inForce ? { inForce: 'true' } : {}) };
  const { runtime } = await getApp();
  const page = await runtime.decisions(
    { ...(q['staffId'] ? { staffId: q['staffId'] } : {}), ...(q['kind'] ? { kind: q['kind'] } : {}), ...(inForce ? { inForce: true } : {}), ...(Number.isSafeInteger(after) && after > 0 ? { after } : {}), limit: 100 },
    { actor: user.username },
  );
  const next = page.next === null ? null : `/decisions?${new URLSearchParams({ ...filters, after: String(page.next) }).toString()}`;
  // Auditors open each decision in the audit explorer (policy version, clause, causes, downstream).
  const explorer = can(user.role, 'audit');
  return (
    <>
      <h1>{t(lang, 'nav.decisions')}</h1>
      {explorer && (
        <p>
          <Link href="/audit">{t(lang, 'audit.openInExplorer')} →</Link>
        </p>
      )}
      <form method="get" className="card row">
        <label>
          {t(lang, 'decisions.staff')} <input name="staffId" defaultValue={q['staffId'] ?? ''} />
        </label>
        <label>
          {t(lang, 'decisions.kind')} <input name="kind" defaultValue={q['kind'] ?? ''} />
        </label>
        <label>
          <input type="checkbox" name="inForce" value="true" defaultChecked={inForce} data-testid="in-force" /> {t(lang, 'decisions.inForce')}
        </label>
        <button type="submit">{t(lang, 'diff.show')}</button>
      </form>
      <section className="card">
        <table data-testid="decisions">
          <thead>
            <tr>
              <th>{t(lang, 'policies.auditWhen')}</th>
              <th>{t(lang, 'decisions.kind')}</th>
              <th>{t(lang, 'decisions.rule')}</th>
              <th>{t(lang, 'policies.version')}</th>
              <th>{t(lang, 'decisions.explain')}</th>
              {explorer && <th />}
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.seq}>
                <td>{formatInstant(d.decision.at, lang)}</td>
                <td>{d.decision.kind}</td>
                <td>{d.decision.rule}</td>
                <td>{d.decision.policy.version}</td>
                <td>{d.decision.explain[lang]}</td>
                {explorer && (
                  <td>
                    <Link href={decisionHref(d.decision.id)}>{t(lang, 'audit.open')}</Link>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {next !== null && <Link href={next}>→</Link>}
      </section>
    </>
  );
}
