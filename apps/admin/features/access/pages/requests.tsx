/**
 * The /access-requests page: the user's own requests to see personal data and, for an approver,
 * the requests to decide and the grants in force.
 */
import { AccessRequestTable } from '../components/request-table';
import { RequestAccessForm } from '../components/request-form';
import { t } from '../../shared/i18n/messages';
import { can } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { ACCESS_REQUEST_ROLES, accessOverview, GRANT_HOURS } from '../requests';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { listUsers } from '../../auth';

export default async function AccessRequestsPage() {
  const user = await requirePageUser(ACCESS_REQUEST_ROLES);
  const lang = await getLang();
  const { db, clock } = await getApp();
  const overview = await accessOverview(db, user, clock.now());
  const approver = can(user.role, 'approveAccess');
  // Display names of the requesters and deciders listed (only those: the page sends them to the browser).
  const listed = new Set([...overview.mine, ...overview.toDecide, ...overview.inForce].flatMap((r) => [r.username, r.decidedBy ?? '']));
  const names = Object.fromEntries((await listUsers(db)).filter((u) => listed.has(u.username)).map((u) => [u.username, u.displayName]));
  return (
    <>
      <h1>{t(lang, 'clients.access.title')}</h1>
      <p className="muted">{t(lang, 'clients.access.intro')}</p>
      {approver && (
        <section className="card">
          <h2>{t(lang, 'clients.access.toDecide')}</h2>
          <AccessRequestTable rows={overview.toDecide} mode="decide" defaultHours={GRANT_HOURS.default} names={names} />
        </section>
      )}
      {approver && (
        <section className="card">
          <h2>{t(lang, 'clients.access.inForce')}</h2>
          <AccessRequestTable rows={overview.inForce} mode="inForce" defaultHours={GRANT_HOURS.default} names={names} />
        </section>
      )}
      {can(user.role, 'requestAccess') && (
        <section className="card">
          <h2>{t(lang, 'clients.access.new')}</h2>
          <RequestAccessForm />
        </section>
      )}
      <section className="card">
        <h2>{t(lang, 'clients.access.mine')}</h2>
        <AccessRequestTable rows={overview.mine} mode="mine" defaultHours={GRANT_HOURS.default} names={names} />
      </section>
    </>
  );
}
