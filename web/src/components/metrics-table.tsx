import { useApp } from '../app-context.js';
import { METRICS } from '../lib/deal-labels.js';
import { formatMetric } from './results-view.js';

/** Indicators of several evaluations side by side (the first column is the reference). */
export function MetricsTable({ columns, testId }: { columns: { name: string; metrics: Record<string, string | null> }[]; testId?: string }) {
  const { t, language } = useApp();
  return (
    <table class="list compact" data-testid={testId}>
      <thead><tr><th>{t('indicator')}</th>{columns.map((c) => <th key={c.name}>{c.name}</th>)}</tr></thead>
      <tbody>
        {METRICS.map((m) => (
          <tr key={m.key} data-metric-row={m.key}>
            <th scope="row" title={m.meaning[language === 'en' ? 1 : 0]}>{language === 'en' ? m.en : m.zh}</th>
            {columns.map((c, i) => {
              const moved = i > 0 && c.metrics[m.key] !== columns[0]!.metrics[m.key];
              return <td key={c.name} class={moved ? 'moved' : ''}>{formatMetric(m.format, c.metrics[m.key])}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
