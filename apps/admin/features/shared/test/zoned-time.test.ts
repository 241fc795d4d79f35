/** Wall times in the policy zone, whatever the zone of the process. */
import { describe, expect, it } from 'vitest';
import { formatInZone, instantToWallTime, policyZone, wallTimeToInstant } from '../zoned-time';

describe('wall times in the policy zone', () => {
  it('reads 09:00 as 09:00 in the policy zone, whatever the zone of the process', () => {
    expect(wallTimeToInstant('2026-12-07T09:00', 'Asia/Shanghai')).toBe('2026-12-07T01:00:00.000Z');
    expect(wallTimeToInstant('2026-12-07T09:00', 'UTC')).toBe('2026-12-07T09:00:00.000Z');
    expect(wallTimeToInstant('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(wallTimeToInstant('2026-12-01T09:00', 'Europe/Berlin')).toBe('2026-12-01T08:00:00.000Z');
    expect(wallTimeToInstant('2026-12-07 09:00', 'Asia/Shanghai')).toBeUndefined();
    expect(wallTimeToInstant('', 'Asia/Shanghai')).toBeUndefined();
  });

  it('shows an instant back in the zone, labelled', () => {
    expect(instantToWallTime('2026-12-07T01:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-07T09:00');
    expect(formatInZone('2026-12-07T01:00:00.000Z', 'Asia/Shanghai', 'zh')).toBe('2026年12月7日 09:00（北京时间）');
    expect(formatInZone('2026-12-07T01:00:00.000Z', 'Asia/Shanghai', 'en')).toBe('7 Dec 2026, 09:00 (Beijing time)');
    expect(formatInZone('2026-12-06T16:00:00.000Z', 'Asia/Shanghai', 'zh')).toBe('2026年12月7日 00:00（北京时间）');
    expect(policyZone({ timezone: 'UTC' })).toBe('UTC');
    expect(policyZone({})).toBe('Asia/Shanghai');
  });
});
