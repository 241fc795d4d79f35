/** The notification texts: each item a person is told, rendered in their language. */
import type { OutboxEntry } from '@allot/store';
import { MESSAGES, t, type MessageKey } from '../../shared/i18n/messages';
import { RULE_HEADINGS } from '../../shared/policy-labels';
import type { RuleKey } from '../../shared/policy-labels';

/** One thing a person is told, in their language. */
export interface NotificationItem {
  eventId: string;
  type: string;
  title: string;
  /** The decision's explanation (SPEC §4 `explain`) or the workflow step's details. */
  detail: string;
  /** The clause (rule) that decided it, when a decision. */
  clause: string | null;
  link: string;
}

/** A message to one person: one or more items (batched). */
export interface NotificationMessage {
  lang: 'zh' | 'en';
  to: { username: string; displayName: string; email: string | null; mobile: string | null };
  items: NotificationItem[];
}

/** The decisions people are told of (the person concerned). */
export const PERSONAL_KINDS = ['staff.fined', 'staff.paused', 'staff.banned', 'staff.hotline_banned', 'client.reclaim_due', 'lead.allocated'] as const;

/** Integer fen as 元 with two decimals, in integer arithmetic: 2000 → "20.00". */
const yuan = (fen: unknown): string => {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return '?';
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
const s = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function clauseOf(rule: string, lang: 'zh' | 'en'): string {
  const heading = RULE_HEADINGS[rule as RuleKey] ?? RULE_HEADINGS[rule.replace(/\d+$/, '') as RuleKey];
  return heading === undefined ? rule : `${rule} · ${heading[lang].replace(/^\S+\s/, '')}`;
}

/** A sanction named by an appeal's workflow event, in a few words: "罚款 20.00 元 (e1#1)". */
function sanctionOf(decision: unknown, lang: 'zh' | 'en'): string {
  const d = (decision as Record<string, unknown> | undefined) ?? {};
  const key = `audit.kind.${s(d['kind'])}`;
  const parts = [key in MESSAGES ? t(lang, key as MessageKey) : s(d['kind'])];
  if (typeof d['amountFen'] === 'number') parts.push(`${yuan(d['amountFen'])} ${lang === 'zh' ? '元' : 'yuan'}`);
  if (typeof d['count'] === 'number') parts.push(lang === 'zh' ? `${d['count']} 次` : `× ${d['count']}`);
  if (typeof d['until'] === 'string') parts.push(lang === 'zh' ? `至 ${d['until']}` : `until ${d['until']}`);
  return `${parts.filter((p) => p !== '').join(' ')} (${s(d['id'])})`;
}

/** How an appeal was decided, as its title says it (a reduction names the new amount or days). */
function outcomeTitle(b: Record<string, unknown>, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (b['outcome']) {
    case 'overturned':
      return zh ? '申诉成功：原处罚已撤销' : 'Appeal granted: the sanction is overturned';
    case 'reduced': {
      const to = typeof b['amountFen'] === 'number' ? (zh ? `${yuan(b['amountFen'])} 元` : `${yuan(b['amountFen'])} yuan`) : zh ? `${s(b['days'])} 天` : `${s(b['days'])} days`;
      return zh ? `申诉部分成功：处罚减为 ${to}` : `Appeal partly granted: reduced to ${to}`;
    }
    default:
      return zh ? '申诉未获支持：维持原处罚' : 'Appeal not granted: the sanction stands';
  }
}

/** How long a new direct lead gives its rep (SPEC D1: 10 minutes). */
export const DIRECT_LEAD_MINUTES = 10;

/** Renders one outbox row for one person, in their language. */
export function renderItem(e: OutboxEntry, lang: 'zh' | 'en', publicUrl: string): NotificationItem {
  const zh = lang === 'zh';
  const b = e.body;
  const base = publicUrl.replace(/\/$/, '');
  if (e.decision !== null) {
    const explain = (b['explain'] as { zh?: string; en?: string } | undefined) ?? {};
    const client = s(b['clientId']);
    let title: string;
    switch (e.decision.kind) {
      case 'staff.fined':
        title = zh ? `罚款 ${yuan(b['amountFen'])} 元` : `Fined ${yuan(b['amountFen'])} yuan`;
        break;
      case 'staff.paused':
        title = zh ? `暂停分配 ${s(b['count'])} 次` : `Allocation paused (${s(b['count'])})`;
        break;
      case 'staff.banned':
        title = zh ? `停止分配至 ${s(b['until'])}` : `Banned from allocation until ${s(b['until'])}`;
        break;
      case 'staff.hotline_banned':
        title = zh ? `停止热线分配至 ${s(b['until'])}` : `Hotline ban until ${s(b['until'])}`;
        break;
      case 'client.reclaim_due':
        title = zh ? `客户 ${client} 即将收回` : `Client ${client} is due to be reclaimed`;
        break;
      case 'lead.allocated': {
        const deadline = new Date(new Date(s(b['at'])).getTime() + DIRECT_LEAD_MINUTES * 60_000);
        const when = Number.isNaN(deadline.getTime()) ? '' : deadline.toISOString();
        title = zh ? `新分配客户 ${client}：请在 ${DIRECT_LEAD_MINUTES} 分钟内（${when} 前）跟进` : `New lead ${client}: follow up within ${DIRECT_LEAD_MINUTES} minutes (by ${when})`;
        break;
      }
      default:
        title = e.decision.kind;
    }
    return { eventId: e.eventId, type: `decision.${e.decision.kind}`, title, detail: (zh ? explain.zh : explain.en) ?? '', clause: clauseOf(e.decision.rule, lang), link: `${base}/audit/decisions/${encodeURIComponent(e.eventId)}` };
  }
  const policy = (b['policy'] as { id?: string; version?: string } | undefined) ?? {};
  const pv = `${s(policy.id)} ${s(policy.version)}`;
  const policyLink = `${base}/policies/${encodeURIComponent(s(policy.id))}/${encodeURIComponent(s(policy.version))}`;
  const request = (b['request'] as Record<string, unknown> | undefined) ?? {};
  switch (e.type) {
    case 'policy.submitted':
      return { eventId: e.eventId, type: e.type, title: zh ? `待审批：政策 ${pv}` : `Awaiting approval: policy ${pv}`, detail: zh ? `${s(b['actor'])} 提交审批：${s(b['note'])}` : `${s(b['actor'])} submitted it: ${s(b['note'])}`, clause: null, link: policyLink };
    case 'policy.approved':
      return { eventId: e.eventId, type: e.type, title: zh ? `已批准：政策 ${pv}` : `Approved: policy ${pv}`, detail: zh ? `审批人 ${s(b['actor'])}` : `approved by ${s(b['actor'])}`, clause: null, link: policyLink };
    case 'policy.rejected':
      return { eventId: e.eventId, type: e.type, title: zh ? `已退回：政策 ${pv}` : `Rejected: policy ${pv}`, detail: zh ? `${s(b['actor'])} 退回，理由：${s(b['reason'])}` : `${s(b['actor'])} sent it back: ${s(b['reason'])}`, clause: null, link: policyLink };
    case 'appeal.filed': {
      const decision = b['decision'] as Record<string, unknown> | undefined;
      return {
        eventId: e.eventId,
        type: e.type,
        title: zh ? `待处理申诉：${s(b['staffId'])} 申诉 ${sanctionOf(decision, lang)}` : `Appeal to decide: ${s(b['staffId'])} appeals ${sanctionOf(decision, lang)}`,
        detail: zh ? `申诉理由：${s(b['reason'])}` : `Reason given: ${s(b['reason'])}`,
        clause: typeof decision?.['rule'] === 'string' ? clauseOf(decision['rule'], lang) : null,
        link: `${base}/appeals`,
      };
    }
    case 'appeal.decided':
    case 'sanction.dismissed': {
      const decision = b['decision'] as Record<string, unknown> | undefined;
      const what = sanctionOf(decision, lang);
      const title = e.type === 'sanction.dismissed' ? (zh ? `处罚已撤销：${what}` : `Sanction set aside: ${what}`) : `${outcomeTitle(b, lang)} · ${what}`;
      return {
        eventId: e.eventId,
        type: e.type,
        title,
        detail: zh ? `${s(b['by'])} 的决定理由：${s(b['reason'])}` : `Decided by ${s(b['by'])}: ${s(b['reason'])}`,
        clause: typeof decision?.['rule'] === 'string' ? clauseOf(decision['rule'], lang) : null,
        link: `${base}/me`,
      };
    }
    case 'access.approved':
      return { eventId: e.eventId, type: e.type, title: zh ? `查看客户 ${s(request['clientId'])} 的申请已批准` : `Access to client ${s(request['clientId'])} approved`, detail: zh ? `有效至 ${s(request['expiresAt'])}（审批人 ${s(b['actor'])}）` : `until ${s(request['expiresAt'])} (approved by ${s(b['actor'])})`, clause: null, link: `${base}/access-requests` };
    default:
      return { eventId: e.eventId, type: e.type, title: e.type, detail: '', clause: null, link: base };
  }
}

/** The plain text of a message (robots and e-mail): a heading, then each item with its explanation, clause and link. */
export function renderText(m: NotificationMessage): { subject: string; text: string } {
  const zh = m.lang === 'zh';
  const first = m.items[0];
  const subject = m.items.length === 1 && first !== undefined ? `allot：${first.title}` : zh ? `allot：${m.items.length} 条新通知` : `allot: ${m.items.length} new notifications`;
  const lines = [zh ? `${m.to.displayName}，您好：` : `Hello ${m.to.displayName},`];
  for (const item of m.items) {
    lines.push('', `■ ${item.title}`);
    if (item.detail !== '') lines.push(item.detail);
    if (item.clause !== null) lines.push(zh ? `依据条款：${item.clause}` : `Clause: ${item.clause}`);
    lines.push(zh ? `详情：${item.link}` : `Details: ${item.link}`);
  }
  return { subject, text: lines.join('\n') };
}
