import type { Lang } from './i18n/lang';

/**
 * Wall-clock times in a policy's time zone, for the browser and the server alike: a schedule is
 * typed and shown in the policy's zone (not the browser's), and labelled with it. Pure `Intl`.
 */

const ZONE_LABELS: Record<string, { zh: string; en: string }> = {
  'Asia/Shanghai': { zh: '北京时间', en: 'Beijing time' },
  'Asia/Chongqing': { zh: '北京时间', en: 'Beijing time' },
  'Asia/Hong_Kong': { zh: '香港时间', en: 'Hong Kong time' },
  UTC: { zh: '协调世界时', en: 'UTC' },
};

/** The zone's name for people ("北京时间" / "Beijing time"; else the IANA id). */
export function zoneLabel(zone: string, lang: Lang): string {
  return ZONE_LABELS[zone]?.[lang] ?? zone;
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsIn(ms: number, zone: string): Parts {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const get = (type: string): number => Number(f.formatToParts(new Date(ms)).find((p) => p.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(ms: number, zone: string): number {
  const p = partsIn(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall time as a `datetime-local` input gives it ("2026-12-07T09:00") read in `zone`, as an
 * ISO instant with offset; undefined when malformed. Around a clock change (zones with summer
 * time) the offset found in force after two rounds decides.
 */
export function wallTimeToInstant(local: string, zone: string): string | undefined {
  const m = LOCAL.exec(local);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? '0')) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(asUtc)) return undefined;
  // Two rounds find the offset in force at the wall time (a third would not move it).
  let guess = asUtc - offsetAt(asUtc, zone);
  guess = asUtc - offsetAt(guess, zone);
  return new Date(guess).toISOString();
}

/** An instant as a `datetime-local` value ("2026-12-07T09:00") in `zone`. */
export function instantToWallTime(iso: string, zone: string): string {
  const p = partsIn(Date.parse(iso), zone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** "2026年12月7日 09:00（北京时间）" / "7 Dec 2026, 09:00 (Beijing time)". */
export function formatInZone(iso: string | null, zone: string, lang: Lang): string {
  if (iso === null) return lang === 'zh' ? '历史开始' : 'the start of the history';
  const p = partsIn(Date.parse(iso), zone);
  const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  if (lang === 'zh') return `${p.year}年${p.month}月${p.day}日 ${hm}（${zoneLabel(zone, lang)}）`;
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][p.month - 1] ?? '';
  return `${p.day} ${mon} ${p.year}, ${hm} (${zoneLabel(zone, lang)})`;
}

/** The policy's zone from its content (`timezone`), else China time. */
export function policyZone(content: unknown): string {
  const tz = (content as { timezone?: unknown } | null)?.timezone;
  return typeof tz === 'string' && tz !== '' ? tz : 'Asia/Shanghai';
}
