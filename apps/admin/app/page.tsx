import { redirect } from 'next/navigation';
import { can } from '../features/shared/roles';
import { currentUser } from '../features/shared/page-guard';

/** The start page of each role: staff (reps) start at their own status, everyone else at the policies. */
export default async function Home() {
  const user = await currentUser();
  if (user === null) redirect('/sign-in');
  redirect(can(user.role, 'viewPolicies') ? '/policies' : user.staffId !== null ? '/me' : '/clients');
}
