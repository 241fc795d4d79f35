import { daysIn, parseInstant } from '../time/instant.js';

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const PLUS = 43;
const LETTER_T = 84;
const LETTER_Z = 90;

/** The decimal digit at `i`, or -1 when the character there is not one. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two-digit number at `i`, or -1. */
function twoDigits(text: string, i: number): number {
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

/**
 * Whether `parseInstant` accepts `text`, answered without a regex or an allocation for the
 * shapes event files nearly always use (`2026-03-01T09:30:00+08:00`, `2026-03-01T01:30:00Z`);
 * any other shape is handed to `parseInstant` itself, which stays the authority.
 */
export function isInstant(text: string): boolean {
  const length = text.length;
  const zulu = length === 20 && text.charCodeAt(19) === LETTER_Z;
  const sign = length === 25 ? text.charCodeAt(19) : 0;
  if (!zulu && sign !== PLUS && sign !== DASH) return parseInstant(text) !== null;
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== LETTER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    (!zulu && text.charCodeAt(22) !== COLON)
  ) {
    return parseInstant(text) !== null;
  }
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const offsetHour = zulu ? 0 : twoDigits(text, 20);
  const offsetMinute = zulu ? 0 : twoDigits(text, 23);
  if (century < 0 || yy < 0 || century + yy === 0 || day < 0 || second < 0 || offsetHour < 0 || offsetMinute < 0) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(century * 100 + yy, month)) return false;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59;
}
