import Link from 'next/link';
import { t } from '../features/shared/i18n/messages';
import { getLang } from '../features/shared/i18n/request-lang';

export default async function NotFound() {
  const lang = await getLang();
  return (
    <div className="card">
      <h1>404</h1>
      <p>{t(lang, 'common.notFound')}</p>
      <Link href="/policies">{t(lang, 'common.back')}</Link>
    </div>
  );
}
