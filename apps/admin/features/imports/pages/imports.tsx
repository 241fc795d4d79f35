/** The /imports page (HR, administrator): the import wizard. */
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { kindCatalogue } from '../books';
import { listMappings } from '../mappings';
import { ImportWizard } from '../components/import-wizard';

/** The import wizard (HR, administrator): upload → mapping → preview → dry run → import. */
export default async function ImportsPage() {
  await requirePageUser(PERMISSIONS.importBooks);
  const lang = await getLang();
  const { db, clock } = await getApp();
  const mappings = await listMappings(db);
  // Default go-live: the coming midnight in Shanghai (the wizard sends wall time; the server reads it in the policy's zone).
  const now = clock.now();
  const shanghai = new Date(now.getTime() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <h1>{t(lang, 'imports.title')}</h1>
      <p className="muted">{t(lang, 'imports.intro')}</p>
      <ImportWizard lang={lang} kinds={kindCatalogue()} mappings={mappings} defaultGoLive={`${shanghai}T00:00`} />
    </>
  );
}
