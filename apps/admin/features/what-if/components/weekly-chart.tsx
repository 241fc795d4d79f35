'use client';

/** The what-if's chart: one measure per week, base and candidate side by side. */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { METRICS, MONEY_METRICS } from '../metrics';
import type { Metric } from '../metrics';
import { metricLabel, showMetric } from '../format';
import type { WeekRow } from '../types';
import { useLang, useT } from '../../shared/components/lang-context';

/** One measure per week (weeks start on Monday, China time), base and candidate side by side (recharts). */
export function WeeklyChart({ weeks, base, candidate, initial = 'finesFen' }: { weeks: WeekRow[]; base: string; candidate: string; initial?: Metric }) {
  const lang = useLang();
  const t = useT();
  const [metric, setMetric] = useState<Metric>(initial);
  const data = weeks.map((w) => ({ week: w.week.slice(5), full: w.week, base: w.base[metric], candidate: w.candidate[metric] }));
  const money = MONEY_METRICS.has(metric);
  return (
    <div data-testid="whatif-chart" data-metric={metric}>
      <div className="row">
        <h3 style={{ margin: 0 }}>{t('whatif.chartTitle')}</h3>
        <label className="small">
          {t('whatif.chartMetric')}{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)} data-testid="whatif-chart-metric">
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {metricLabel(m, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div style={{ width: '100%', height: 280 }}>
        <ResponsiveContainer width="100%" height="100%" minWidth={300} minHeight={200}>
          <BarChart data={data} margin={{ top: 12, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} width={64} tickFormatter={(v: number) => (money ? showMetric(metric, v) : String(v))} />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? showMetric(metric, value) : String(value))}
              labelFormatter={(_label, payload) => t('whatif.weekOf', { week: String((payload[0]?.payload as { full?: string } | undefined)?.full ?? _label) })}
            />
            <Legend />
            <Bar dataKey="base" name={`${t('whatif.baseCol')} ${base}`} fill="#98a2b3" />
            <Bar dataKey="candidate" name={`${t('whatif.candidateCol')} ${candidate}`} fill="#1f5fbf" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
