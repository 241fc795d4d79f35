/**
 * People and events in words: a staff member's name with the id, an event as notices and the
 * status page describe it.
 */
import type { AllotEvent } from '@allot/engine';
import { formatInstant } from './format';
import type { Lang } from './i18n/lang';
import { codeLabel, eventTypeLabel } from './labels';

/** Staff ids to names (null: no name known). */
export type Names = ReadonlyMap<string, string | null>;

/** A staff member as people name them: "黎琳晨 (s0006)", or the id alone. */
export function personName(names: Names, staffId: string | null | undefined): string {
  if (staffId === null || staffId === undefined || staffId === '') return '—';
  const name = names.get(staffId);
  return name === null || name === undefined || name === '' ? staffId : `${name} (${staffId})`;
}

/**
 * An event in words, for notices and the status page: when, what (its type's label), who and
 * which client, and the fields that explain it (form, code, severity, mode, channel). Money
 * (expected deal sizes, deal amounts) is left out: a cause names what happened, not a deal size.
 */
export function describeEvent(event: AllotEvent, lang: Lang, names: Names): string {
  const e = event as unknown as Record<string, unknown>;
  const str = (k: string): string | null => (typeof e[k] === 'string' && e[k] !== '' ? (e[k] as string) : null);
  const parts: string[] = [`${formatInstant(event.at, lang)} ${eventTypeLabel(event.type, lang)}`];
  const zh = lang === 'zh';
  const client = str('clientId');
  if (client !== null) parts.push(zh ? `客户 ${client}` : `client ${client}`);
  for (const [key, zhLabel, enLabel] of [
    ['staffId', '员工', 'staff'],
    ['receptionistId', '接听客服', 'receptionist'],
    ['repId', '销售', 'rep'],
    ['by', '经办', 'by'],
    ['toStaffId', '给', 'to'],
    ['successorId', '接替人', 'successor'],
  ] as const) {
    const id = str(key);
    if (id !== null) parts.push(`${zh ? zhLabel : enLabel} ${personName(names, id)}`);
  }
  for (const [key, zhLabel, enLabel] of [
    ['form', '表单', 'form'],
    ['code', '事项', 'code'],
    ['severity', '程度', 'severity'],
    ['mode', '方式', 'mode'],
    ['channel', '渠道', 'channel'],
  ] as const) {
    const v = str(key);
    if (v !== null) parts.push(`${zh ? zhLabel : enLabel}: ${codeLabel(v, lang)}`);
  }
  const note = str('note');
  if (note !== null) parts.push(zh ? `备注：${note}` : `note: ${note}`);
  return parts.join(zh ? '，' : ', ');
}
