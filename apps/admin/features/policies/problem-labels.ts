import type { Localized } from '../shared/i18n/lang';
import { fieldLabel } from '../shared/policy-labels';
import { FACT_LABELS } from './policy-text';
import { pointerTokens, valueAt } from './pointer';

/**
 * Where a problem of a format-2 draft is, said with the form's labels ("F3 晨会迟到 · 处理结果 ·
 * 罚款"), never a property name or a pointer; and the engine's message with the property names
 * it quotes replaced by their labels and any pointer it repeats taken out.
 */

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const both = (zh: string, en: string): Localized => ({ zh, en });

const SECTION_LABELS: Record<string, Localized> = {
  codes: both('代码表', 'Codes'),
  calendar: both('工作日历', 'Business calendar'),
  tiers: both('客户类型', 'Tiers'),
  forms: both('录入表单', 'Late-entry forms'),
  fineReasons: both('罚款原因', 'Fine reasons'),
  incidents: both('违纪事件代码', 'Incident codes'),
  name: both('制度名称', 'Policy name'),
  description: both('说明', 'Description'),
  options: both('选项', 'Options'),
  then: both('处理结果', 'Consequences'),
  when: both('条件', 'Condition'),
  counts: both('计数对象', 'What is counted'),
  escape: both('例外', 'Exception'),
  within: both('时限', 'Time limit'),
  clause: both('条款', 'Clause'),
  title: both('标题', 'Title'),
};

function keyLabel(key: string): Localized {
  return SECTION_LABELS[key] ?? fieldLabel(undefined, key)?.label ?? FACT_LABELS[key] ?? both(key, key);
}

/** The label of the field a pointer names in a format-2 document. */
export function problemLabel(doc: unknown, pointer: string): Localized {
  const tokens = pointerTokens(pointer);
  const parts: Localized[] = [];
  let i = 0;
  if (tokens[0] === 'rules' && tokens[1] !== undefined) {
    const rule = valueAt(doc, tokens.slice(0, 2));
    const id = isObject(rule) && typeof rule['id'] === 'string' && rule['id'] !== '' ? rule['id'] : null;
    const title = isObject(rule) && isObject(rule['title']) ? (rule['title'] as { zh?: unknown; en?: unknown }) : null;
    const name = (l: 'zh' | 'en'): string => (title !== null && typeof title[l] === 'string' && title[l] !== '' ? ` ${String(title[l])}` : '');
    parts.push(id === null ? both(`第 ${Number(tokens[1]) + 1} 条规则`, `Rule ${Number(tokens[1]) + 1}`) : both(`${id}${name('zh')}`, `${id}${name('en')}`));
    i = 2;
  } else if (tokens[0] === 'codes' && tokens[1] !== undefined) {
    parts.push(keyLabel(tokens[1]));
    i = 2;
  } else if (tokens[0] === 'calendar') {
    parts.push(keyLabel('calendar'));
    i = 1;
  }
  for (; i < tokens.length; i += 1) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if ((t === 'rungs' || t === 'all' || t === 'any' || t === 'hours' || t === 'holidays' || t === 'makeUpDays' || /^\d+$/.test(t)) && t !== undefined) {
      if (t === 'rungs' && next !== undefined) {
        const rung = valueAt(doc, tokens.slice(0, i + 2));
        const tag = isObject(rung) && typeof rung['id'] === 'string' ? rung['id'] : isObject(rung) && typeof rung['tier'] === 'string' ? `${rung['tier']} 类` : null;
        parts.push(tag === null ? both(`第 ${Number(next) + 1} 档`, `rung ${Number(next) + 1}`) : both(tag, tag.replace(' 类', '')));
        i += 1;
        continue;
      }
      if ((t === 'all' || t === 'any') && next !== undefined) {
        const leaf = valueAt(doc, tokens.slice(0, i + 2));
        const fact = isObject(leaf) && typeof leaf['fact'] === 'string' ? (FACT_LABELS[leaf['fact']] ?? both(leaf['fact'], leaf['fact'])) : null;
        parts.push(fact ?? both(`第 ${Number(next) + 1} 项`, `item ${Number(next) + 1}`));
        i += 1;
        continue;
      }
      if (/^\d+$/.test(t)) {
        parts.push(both(`第 ${Number(t) + 1} 项`, `item ${Number(t) + 1}`));
        continue;
      }
      parts.push(keyLabel(t));
      continue;
    }
    if (t === 'value' || t === 'fact' || t === 'operator') {
      if (t !== 'value') parts.push(keyLabel(t));
      continue;
    }
    parts.push(keyLabel(t));
  }
  if (parts.length === 0) return both('制度', 'Policy');
  return both(parts.map((p) => p.zh).join(' · '), parts.map((p) => p.en).join(' · '));
}

/** The engine's message in the form's words: quoted property names become their labels, repeated pointers go. */
export function cleanMessage(message: Localized): Localized {
  const clean = (text: string, lang: 'zh' | 'en'): string =>
    text
      .replace(/(^|\s)\/[A-Za-z0-9_~/.-]*[A-Za-z0-9_]:?(?=\s|$)/g, '$1')
      .replace(/"([A-Za-z][A-Za-z0-9]*)"(（[^）]*）)?/g, (m: string, key: string) => {
        const l = fieldLabel(undefined, key)?.label ?? SECTION_LABELS[key] ?? FACT_LABELS[key];
        return l === undefined ? m : lang === 'zh' ? `「${l.zh}」` : `“${l.en}”`;
      })
      .replace(/\s{2,}/g, ' ')
      .trim();
  return { zh: clean(message.zh, 'zh'), en: clean(message.en, 'en') };
}
