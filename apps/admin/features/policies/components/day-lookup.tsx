'use client';

/** Picks a day and names the version in force at its end. */
import { useState } from 'react';
import { useLang, useT } from '../../shared/components/lang-context';
import { wallTimeToInstant, zoneLabel } from '../../shared/zoned-time';

/** Picks a day (in the policy's zone) and names the version in force at its end (23:59:59.999 there). */
export function DayLookup({ segments, zone }: { segments: { version: string; from: string | null }[]; zone: string }) {
  const t = useT();
  const lang = useLang();
  const [day, setDay] = useState('');
  let found: string | null = null;
  const start = day === '' ? undefined : wallTimeToInstant(`${day}T00:00`, zone);
  if (start !== undefined) {
    // The version governing the end of that day: the last one taking over before the next midnight.
    const end = Date.parse(start) + 86_400_000 - 1;
    for (const s of segments) if (s.from === null || Date.parse(s.from) <= end) found = s.version;
  }
  return (
    <div className="row" style={{ marginTop: 8 }}>
      <label>
        {t('timeline.on')} ({zoneLabel(zone, lang)}){' '}
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="timeline-day" />
      </label>
      {found !== null && (
        <strong data-testid="timeline-day-result" data-version={found}>
          {t('timeline.onResult', { day, version: found })}
        </strong>
      )}
    </div>
  );
}
