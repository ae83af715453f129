import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Chart } from '../components/chart.js';
import { MetricsTable } from '../components/metrics-table.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { buildOverlayOption } from '../lib/chart-options.js';
import { decimalToPercent, isDecimalText, percentToDecimal } from '../lib/decimal-text.js';
import { collectLeaves } from '../lib/deal-fields.js';
import { isPercentKey, unitOfKey } from '../lib/deal-labels.js';
import { applyMergePatch, diffJson } from '../lib/json-diff.js';
import { buildMergePatch } from '../lib/merge-patch.js';
import { ChangeList } from './deal-page.js';

interface Scenario {
  id: string;
  name: string;
  revision: number;
  overrides: Record<string, unknown>;
}

/** Scenarios as one-field edits of the form, and the comparison of base, scenarios and earlier revisions side by side. */
export function ScenariosPanel({ dealId, resource }: { dealId: string; resource: { revision: number; deal: any } }) {
  const { client, t, language } = useApp();
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [revisions, setRevisions] = useState<number[]>([]);
  const [chosenRevisions, setChosenRevisions] = useState<number[]>([]);
  const [comparison, setComparison] = useState<{ name: string; result: any; overrides?: any; deal?: any }[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const leaves = useMemo(() => collectLeaves(resource.deal, language).filter((l) => typeof l.value !== 'boolean' && l.key !== 'id'), [resource, language]);
  const leaf = leaves.find((l) => l.path === path);
  const labels = useMemo(() => new Map(leaves.map((l) => [l.path, l.label])), [leaves]);
  const percent = leaf ? isPercentKey(leaf.key) && typeof leaf.value === 'string' : false;
  const shown = (v: unknown) => (percent && typeof v === 'string' && isDecimalText(v) ? `${decimalToPercent(v)}%` : String(v));

  const load = () => client.call<{ items: Scenario[] }>('listScenarios', { params: { id: dealId } }).then((r) => setScenarios(r.body.items), setError);
  useEffect(() => void load(), [dealId]);
  // Earlier revisions can be compared beside the scenarios (the current one is the base).
  useEffect(() => {
    client.call<{ items: { revision: number }[] }>('listRevisions', { params: { id: dealId } }).then((r) => setRevisions(r.body.items.map((x) => x.revision).filter((n) => n !== resource.revision).reverse()), setError);
  }, [dealId, resource.revision]);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!leaf) return;
    setError(null);
    const value = typeof leaf.value === 'number' ? Number(text) : percent ? percentToDecimal(text) ?? text : text;
    try {
      await client.call('createScenario', { params: { id: dealId }, body: { name, revision: resource.revision, overrides: buildMergePatch(resource.deal, path, value) } });
      setName('');
      setText('');
      await load();
    } catch (e) {
      setError(e);
    }
  };

  const compare = async () => {
    setError(null);
    try {
      const picked = scenarios.filter((s) => chosen.includes(s.id));
      const base = await client.call<any>('evaluateDeal', { params: { id: dealId }, query: { revision: resource.revision } });
      const results = await Promise.all(picked.map((s) => client.call<any>('evaluateScenario', { params: { id: dealId, scenarioId: s.id } })));
      const revisionsPicked = [...chosenRevisions].sort((a, b) => b - a);
      const earlier = await Promise.all(
        revisionsPicked.map(async (rev) => {
          const [stored, evaluated] = await Promise.all([client.call<any>('readRevision', { params: { id: dealId, rev } }), client.call<any>('evaluateDeal', { params: { id: dealId }, query: { revision: rev } })]);
          return { name: `${t('revision')} ${rev}`, result: evaluated.body, deal: stored.body.deal };
        }),
      );
      setComparison([{ name: `${t('base')}（${t('revision')} ${resource.revision}）`, result: base.body }, ...picked.map((s, i) => ({ name: s.name, result: results[i]!.body, overrides: s.overrides })), ...earlier]);
    } catch (e) {
      setError(e);
    }
  };

  const overlay = useMemo(() => (comparison ? buildOverlayOption(comparison, language) : null), [comparison, language]);
  return (
    <section>
      <h2>{t('newScenario')}</h2>
      <ProblemBanner error={error} />
      <form class="inline-form" onSubmit={create} data-testid="scenario-form">
        <label>{t('scenarioName')} <input id="scenario-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required /></label>
        <label>{t('field')}{' '}
          <select id="scenario-field" value={path} onChange={(e) => { setPath(e.currentTarget.value); setText(''); }} required>
            <option value="">—</option>
            {leaves.map((l) => <option key={l.path} value={l.path}>{l.label}</option>)}
          </select>
        </label>
        {leaf && <span>{t('currentValue')}: {shown(leaf.value)}</span>}
        <label>{t('newValue')}{leaf && unitOfKey(leaf.key, language) && ` (${unitOfKey(leaf.key, language)})`} <input id="scenario-value" value={text} onInput={(e) => setText(e.currentTarget.value)} required /></label>
        <button type="submit" class="primary" data-edit>{t('create')}</button>
      </form>
      <h2>{t('scenarios')}</h2>
      {scenarios.length === 0 ? <p>{t('noScenarios')}</p> : (
        <ul class="scenario-list" data-testid="scenarios">
          {scenarios.map((s) => (
            <li key={s.id}>
              <label><input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, s.id] : chosen.filter((c) => c !== s.id))} /> {s.name}</label>{' '}
              <button type="button" data-edit onClick={async () => { try { await client.call('deleteScenario', { params: { id: dealId, scenarioId: s.id } }); await load(); } catch (e) { setError(e); } }}>{t('delete')}</button>
            </li>
          ))}
        </ul>
      )}
      {revisions.length > 0 && (
        <fieldset class="revision-picks" data-testid="compare-revisions">
          <legend>{t('compareRevisions')}</legend>
          {revisions.map((rev) => (
            <label key={rev} class="check"><input type="checkbox" checked={chosenRevisions.includes(rev)} onChange={(e) => setChosenRevisions(e.currentTarget.checked ? [...chosenRevisions, rev] : chosenRevisions.filter((r) => r !== rev))} /> {t('revision')} {rev}</label>
          ))}
        </fieldset>
      )}
      <button type="button" class="primary" onClick={compare} disabled={chosen.length + chosenRevisions.length === 0} data-testid="compare">{t('compare')}</button>
      {comparison && (
        <div data-testid="comparison">
          <h3>{t('inputsDiffer')}</h3>
          {comparison.slice(1).map((c) => (
            <div key={c.name} data-compared={c.name}><h4>{c.name}</h4><ChangeList changes={diffJson(resource.deal, c.deal ?? applyMergePatch(resource.deal, c.overrides))} labels={labels} /></div>
          ))}
          <h3>{t('indicators')}</h3>
          <MetricsTable columns={comparison.map((c) => ({ name: c.name, metrics: c.result.metrics }))} testId="comparison-metrics" />
          <figure><figcaption>{t('cumulative')} — {t('projectAfterTax')}</figcaption>{overlay && <Chart option={overlay} label={t('compare')} testId="overlay-chart" />}</figure>
        </div>
      )}
    </section>
  );
}
