/** The /users page (admin): the accounts. */
import { UserAdmin } from '../components/admin';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { listUsers, throttledAccounts } from '../../auth';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

export default async function UsersPage() {
  const user = await requirePageUser(PERMISSIONS.manageUsers);
  const lang = await getLang();
  const { db, clock } = await getApp();
  const throttled = await throttledAccounts(db, clock.now());
  const users = (await listUsers(db)).map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, staffId: u.staffId, throttled: throttled.has(u.username) }));
  return (
    <>
      <h1>{t(lang, 'nav.users')}</h1>
      <section className="card">
        <UserAdmin users={users} self={user.username} />
      </section>
    </>
  );
}
