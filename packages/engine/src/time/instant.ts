/**
 * Instants are epoch milliseconds inside the engine; outside they are ISO-8601 strings with an
 * explicit offset. Nothing here reads the clock.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const daysIn = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/**
 * Parses an ISO-8601 date-time that carries an offset (`Z` or `±hh:mm`) into epoch ms.
 * Returns `null` for anything else (no offset, impossible dates like Feb 30, hour 24).
 */
export function parseInstant(text: string): number | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8] as string;
  let offsetMin = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
}

/** Like {@link parseInstant} but throws a clear error; for values already validated. */
export function instantOf(text: string): number {
  const t = parseInstant(text);
  if (t === null) throw new RangeError(`not an ISO-8601 date-time with offset: ${JSON.stringify(text)}`);
  return t;
}

export { daysIn };
