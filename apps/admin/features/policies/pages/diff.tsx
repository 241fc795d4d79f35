/** The /policies/<id>/diff page: two versions compared rule by rule. */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DiffView } from '../components/diff-view';
import { t } from '../../shared/i18n/messages';
import { diffPolicies } from '../diff';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { listPolicies, readVersion } from '../read';

export default async function DiffPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser(PERMISSIONS.viewPolicies);
  const lang = await getLang();
  const { id } = await params;
  const q = await searchParams;
  const { db, clock } = await getApp();
  const now = clock.now();
  const versions = (await listPolicies(db, now)).find((p) => p.policyId === id)?.versions;
  if (versions === undefined || versions.length === 0) notFound();
  const a = q['a'] ?? versions.find((v) => v.standing === 'in_force')?.version ?? versions[versions.length - 1]?.version ?? '';
  const b = q['b'] ?? versions[0]?.version ?? '';
  const [left, right] = await Promise.all([readVersion(db, id, a, now), readVersion(db, id, b, now)]);
  const only = q['all'] !== '1';
  const select = (name: 'a' | 'b', value: string) => (
    <select name={name} defaultValue={value} data-testid={`diff-select-${name}`}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          {v.version} · {t(lang, `status.${v.standing}`)}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <p>
        <Link href="/policies">← {t(lang, 'common.back')}</Link>
      </p>
      <h1>
        {t(lang, 'diff.title')} · {id}
      </h1>
      <form method="get" className="card row">
        <label>
          {t(lang, 'diff.left')} {select('a', a)}
        </label>
        <label>
          {t(lang, 'diff.right')} {select('b', b)}
        </label>
        <label>
          <input type="checkbox" name="all" value="1" defaultChecked={!only} /> {t(lang, 'diff.showAll')}
        </label>
        <button type="submit">{t(lang, 'diff.show')}</button>
      </form>
      {left === undefined || right === undefined ? (
        <p className="notice error">{t(lang, 'common.notFound')}</p>
      ) : (
        <section className="card">
          <DiffView diff={diffPolicies(left.content, right.content)} lang={lang} leftLabel={`${a} (${t(lang, `status.${left.view.standing}`)})`} rightLabel={`${b} (${t(lang, `status.${right.view.standing}`)})`} onlyChanges={only} />
        </section>
      )}
    </>
  );
}
