/** The /inbox page: what waits for the user in the workflow. */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { readInbox } from '../inbox';
import type { InboxItem } from '../inbox';

export default async function InboxPage() {
  const user = await requirePageUser(PERMISSIONS.inbox);
  const lang = await getLang();
  const { db } = await getApp();
  const inbox = await readInbox(db, user);
  const sections: { key: keyof typeof inbox; label: MessageKey }[] = [
    { key: 'toApprove', label: 'inbox.toApprove' },
    { key: 'toPublish', label: 'inbox.toPublish' },
    { key: 'accessRequests', label: 'inbox.accessRequests' },
    { key: 'returned', label: 'inbox.returned' },
  ];
  const shown = sections.filter((s) => inbox[s.key].length > 0);
  const row = (item: InboxItem) => (
    <li key={`${item.kind}-${item.href}-${item.title}-${item.at}`} data-kind={item.kind} style={{ marginBottom: 6 }}>
      <Link href={item.href}>{item.title}</Link> <span className="muted small">{t(lang, 'inbox.by', { who: item.by ?? '—', when: formatInstant(item.at, lang) })}</span>
      {item.note !== null && item.note !== '' && <div className="small">{item.note}</div>}
    </li>
  );
  return (
    <>
      <h1>{t(lang, 'inbox.title')}</h1>
      {shown.length === 0 && <p className="muted">{t(lang, 'inbox.empty')}</p>}
      {shown.map((s) => (
        <section className="card" key={s.key} data-testid={`inbox-${s.key}`}>
          <h2 style={{ marginTop: 0 }}>
            {t(lang, s.label)} ({inbox[s.key].length})
          </h2>
          <ul>{inbox[s.key].map(row)}</ul>
        </section>
      ))}
    </>
  );
}
