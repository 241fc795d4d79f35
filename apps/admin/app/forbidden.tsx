import Link from 'next/link';
import { t } from '../features/shared/i18n/messages';
import { getLang } from '../features/shared/i18n/request-lang';

export default async function Forbidden() {
  const lang = await getLang();
  return (
    <div className="card">
      <h1>403</h1>
      <p data-testid="forbidden">{t(lang, 'common.forbidden')}</p>
      <Link href="/policies">{t(lang, 'common.back')}</Link>
    </div>
  );
}
