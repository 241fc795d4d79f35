/** The /what-if page: the what-if workbench. */
import { WhatIfWorkbench } from '../components/workbench';
import type { PolicyChoice } from '../components/run-controls';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { listPolicies } from '../../policies';
import { resolvePeriod, teamOptions } from '../history';
import { directoryOf, openHistory } from '../run';

const UNPUBLISHED = new Set(['draft', 'submitted', 'approved']);

export default async function WhatIfPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.runWhatIf);
  const lang = await getLang();
  const q = await searchParams;
  const { db, clock } = await getApp();
  const listed = await listPolicies(db, clock.now());
  const policies: PolicyChoice[] = listed.map((p) => ({ policyId: p.policyId, name: p.versions[0]?.name ?? null, versions: p.versions.map((v) => ({ version: v.version, standing: v.standing })) }));
  const history = await openHistory(db);
  const period = resolvePeriod(history, null, null);
  const policy = policies.find((p) => p.policyId === q['policy']) ?? policies[0];
  const has = (v: string | undefined): v is string => v !== undefined && policy?.versions.some((x) => x.version === v) === true;
  // Defaults: the version in force against the newest unpublished version (else the newest one).
  const base = has(q['base']) ? q['base'] : (policy?.versions.find((v) => v.standing === 'in_force')?.version ?? policy?.versions[0]?.version ?? '');
  const candidate = has(q['candidate']) ? q['candidate'] : (policy?.versions.find((v) => UNPUBLISHED.has(v.standing))?.version ?? policy?.versions[0]?.version ?? '');
  return (
    <>
      <h1>{t(lang, 'whatif.title')}</h1>
      <p className="muted">{t(lang, 'whatif.intro')}</p>
      {policy === undefined ? (
        <p className="notice warn">{t(lang, 'whatif.noPolicy')}</p>
      ) : period === null ? (
        <p className="notice warn">{t(lang, 'whatif.noHistory')}</p>
      ) : (
        <WhatIfWorkbench
          policies={policies}
          teams={teamOptions(directoryOf(history))}
          period={{ from: period.from, to: period.to, days: period.days }}
          initial={{ policyId: policy.policyId, base, candidate }}
          canEdit={can(user.role, 'editDrafts')}
        />
      )}
    </>
  );
}
