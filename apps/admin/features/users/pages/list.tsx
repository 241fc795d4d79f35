/** The /users page (admin): the accounts. */
import { UserAdmin } from '../components/admin';
import { RecipientsAdmin } from '../components/recipients';
import { recipientSettings } from '../../integrations';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { listUsers, throttledAccounts } from '../../auth';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

export default async function UsersPage() {
  const user = await requirePageUser(PERMISSIONS.manageUsers);
  const lang = await getLang();
  const { db, clock } = await getApp();
  const throttled = await throttledAccounts(db, clock.now());
  const summaries = await listUsers(db);
  const users = summaries.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, staffId: u.staffId, throttled: throttled.has(u.username) }));
  // How each person is told: saved through the integrations API, so shown to those who may use it.
  const notify = can(user.role, 'manageIntegrations') ? await recipientSettings(db) : null;
  const names = new Map(summaries.map((u) => [u.username, u.displayName]));
  const recipients = (notify?.recipients ?? []).map((r) => ({ ...r, displayName: names.get(r.username) ?? r.username }));
  return (
    <>
      <h1>{t(lang, 'nav.users')}</h1>
      <section className="card">
        <UserAdmin users={users} self={user.username} />
      </section>
      {notify !== null && (
        <section className="card" id="notifications">
          <h2>{t(lang, 'users.notify')}</h2>
          <RecipientsAdmin rows={recipients} channels={notify.channels} />
        </section>
      )}
    </>
  );
}
