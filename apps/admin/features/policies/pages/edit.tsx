/** The /policies/<id>/<version>/edit page (editor): a draft in the editor. */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DraftEditor } from '../components/editor-v2/draft-editor';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { readVersion } from '../read';
import { seedClauses } from '../seed-readings';

export default async function EditPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  await requirePageUser(PERMISSIONS.editDrafts);
  const lang = await getLang();
  const { id, version } = await params;
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) notFound();
  const editable = found.view.status === 'draft' || found.view.status === 'submitted' || found.view.status === 'approved';
  return (
    <>
      <p>
        <Link href="/policies">← {t(lang, 'common.back')}</Link>
      </p>
      <h1>{t(lang, 'editor.title', { id, version })}</h1>
      {editable ? <DraftEditor view={found.view} content={found.content} seedClauses={seedClauses()} /> : <p className="notice warn">{t(lang, 'editor.notEditable')}</p>}
    </>
  );
}
