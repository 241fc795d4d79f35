import { UserAdmin } from '../../components/ui/user-admin';
import { t } from '../../lib/i18n/messages';
import { PERMISSIONS } from '../../lib/roles';
import { getApp } from '../../lib/server/app-context';
import { listUsers } from '../../lib/server/auth/users';
import { getLang } from '../../lib/server/lang';
import { requirePageUser } from '../../lib/server/page-guard';

export default async function UsersPage() {
  const user = await requirePageUser(PERMISSIONS.manageUsers);
  const lang = await getLang();
  const { db } = await getApp();
  const users = (await listUsers(db)).map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled }));
  return (
    <>
      <h1>{t(lang, 'nav.users')}</h1>
      <section className="card">
        <UserAdmin users={users} self={user.username} />
      </section>
    </>
  );
}
