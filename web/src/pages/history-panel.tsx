import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { MetricsTable } from '../components/metrics-table.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { diffJson, type Change } from '../lib/json-diff.js';
import { ChangeList } from './deal-page.js';

interface RevisionSummary {
  revision: number;
  author: string | null;
  createdAt: string;
}

/** The revisions of a deal, and the difference between any two: inputs changed, indicators moved. */
export function HistoryPanel({ dealId }: { dealId: string }) {
  const { client, t } = useApp();
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  const [comparison, setComparison] = useState<{ changes: Change[]; metrics: { name: string; metrics: any }[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    client.call<{ items: RevisionSummary[] }>('listRevisions', { params: { id: dealId } }).then((r) => {
      setRevisions(r.body.items);
      const last = r.body.items[r.body.items.length - 1]?.revision ?? 1;
      setTo(last);
      setFrom(Math.max(1, last - 1));
    }, setError);
  }, [dealId]);
  const compare = async () => {
    setError(null);
    try {
      const [a, b] = await Promise.all([from, to].map((rev) => client.call<any>('readRevision', { params: { id: dealId, rev } })));
      const [ea, eb] = await Promise.all([from, to].map((rev) => client.call<any>('evaluateDeal', { params: { id: dealId }, query: { revision: rev } })));
      setComparison({ changes: diffJson(a!.body.deal, b!.body.deal), metrics: [{ name: `${t('revision')} ${from}`, metrics: ea!.body.metrics }, { name: `${t('revision')} ${to}`, metrics: eb!.body.metrics }] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h2>{t('history')}</h2>
      <ProblemBanner error={error} />
      <table class="list compact" data-testid="revisions">
        <thead><tr><th>{t('revision')}</th><th>{t('updated')}</th><th>{t('owner')}</th></tr></thead>
        <tbody>{revisions.map((r) => <tr key={r.revision}><td>{r.revision}</td><td>{r.createdAt.slice(0, 19).replace('T', ' ')}</td><td>{r.author}</td></tr>)}</tbody>
      </table>
      <div class="inline-form">
        <label>{t('from')} <select id="history-from" value={from} onChange={(e) => setFrom(Number(e.currentTarget.value))}>{revisions.map((r) => <option key={r.revision} value={r.revision}>{r.revision}</option>)}</select></label>
        <label>{t('to')} <select id="history-to" value={to} onChange={(e) => setTo(Number(e.currentTarget.value))}>{revisions.map((r) => <option key={r.revision} value={r.revision}>{r.revision}</option>)}</select></label>
        <button type="button" onClick={compare}>{t('compare')}</button>
      </div>
      {comparison && (
        <div data-testid="history-comparison">
          <h3>{t('inputsChanged')}</h3>
          <ChangeList changes={comparison.changes} />
          <h3>{t('indicatorsMoved')}</h3>
          <MetricsTable columns={comparison.metrics} testId="history-metrics" />
        </div>
      )}
    </section>
  );
}
