import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Chart } from '../components/chart.js';
import { RunStatus, useAnalysisRun } from '../components/run-control.js';
import { buildHistogramOption, buildPercentileOption, buildTornadoOption } from '../lib/chart-options.js';
import { formatNumber, formatPercent, formatWan, percentToDecimal } from '../lib/decimal-text.js';
import { labelDriver, labelIndicator } from '../lib/deal-labels.js';
import { describeSolveInput, describeSolveStatus } from '../lib/goal-seek-wording.js';

/** The indicators the decision tools read, by kind (src/analysis/indicators.ts). */
const INDICATORS: Record<string, 'rate' | 'amount' | 'ratio'> = {
  equityIrr: 'rate', projectIrrAfterTax: 'rate', projectIrrPreTax: 'rate', projectNpvAfterTax: 'amount', projectNpvPreTax: 'amount', cumulativeCashFlowAfterTax: 'amount',
  minDscr: 'ratio', avgDscr: 'ratio', llcr: 'ratio', minIcr: 'ratio', bondCoverageNet: 'ratio', bondCoverageGross: 'ratio', allDebtCoverageNet: 'ratio', allDebtCoverageGross: 'ratio',
};
const formatIndicator = (name: string, v: string | null | undefined) => (INDICATORS[name] === 'rate' ? formatPercent(v) : INDICATORS[name] === 'amount' ? `${formatWan(v)} 万元` : formatNumber(v, 3));

function IndicatorSelect({ value, onChange, id }: { value: string; onChange: (v: string) => void; id: string }) {
  const { language } = useApp();
  return <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>{Object.keys(INDICATORS).map((k) => <option key={k} value={k}>{labelIndicator(k, language)}</option>)}</select>;
}

function GoalSeek({ dealId, deal }: { dealId: string; deal: any }) {
  const { t, language } = useApp();
  const state = useAnalysisRun(dealId, 'solve');
  const streams: any[] = deal.revenue ?? [];
  const grants: any[] = (deal.funding?.sources ?? []).filter((s: any) => /budget|grant|subsid|special|provincial|municipal|district/.test(String(s.kind)));
  const [input, setInput] = useState('new-operating-subsidy');
  const [indicator, setIndicator] = useState('equityIrr');
  const [target, setTarget] = useState('8');
  const buildInput = () => {
    if (input.startsWith('price:')) return { kind: 'price', stream: input.slice(6) };
    if (input.startsWith('grant:')) return { kind: 'grant', source: input.slice(6) };
    return { kind: input };
  };
  const value = INDICATORS[indicator] === 'rate' ? percentToDecimal(target) ?? target : target;
  const solution = state.result?.solution;
  // Worded from what was asked (the API names the lever in English); kept from the run, not the form's current choice.
  const [asked, setAsked] = useState(input);
  const solved = describeSolveInput({ choice: asked, deal }, language);
  const notes: string[] = state.result?.notes ?? [];
  return (
    <section class="tool" data-testid="goal-seek">
      <h3>{t('goalSeek')}</h3>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); setAsked(input); void state.run({ input: buildInput(), target: { indicator, value } }); }}>
        <label>{t('input')} <select id="solve-input" value={input} onChange={(e) => setInput(e.currentTarget.value)}>
          <option value="new-operating-subsidy">{language === 'en' ? 'A new operating subsidy a year' : '新增运营补贴（每年）'}</option>
          <option value="operating-years">{language === 'en' ? 'Operating years' : '运营期（年）'}</option>
          {streams.map((s) => <option key={s.id} value={`price:${s.id}`}>{language === 'en' ? 'Price' : '价格'} · {s.name}</option>)}
          {grants.map((s) => <option key={s.id} value={`grant:${s.id}`}>{language === 'en' ? 'Grant' : '补助'} · {s.name}</option>)}
        </select></label>
        <label>{t('target')} <IndicatorSelect id="solve-indicator" value={indicator} onChange={setIndicator} /></label>
        <label>{t('targetValue')}{INDICATORS[indicator] === 'rate' ? ' (%)' : ''} <input id="solve-target" value={target} onInput={(e) => setTarget(e.currentTarget.value)} /></label>
        <button type="submit" class="primary" disabled={state.running}>{t('run')}</button>
      </form>
      <RunStatus state={state} testId="solve" />
      {state.result && (
        <p data-testid="solve-result">
          {solution ? <>{t('solution')}{language === 'en' ? ': ' : '：'}{solved.label} <strong>{formatNumber(solution.input, 2)} {solved.unit}</strong> → {labelIndicator(indicator, language)} = {formatIndicator(indicator, solution.indicator)}</> : <>{t('notSolved')}{language === 'en' ? ': ' : '：'}{describeSolveStatus(state.result.status, language)}</>}
        </p>
      )}
      {state.result && notes.length > 0 && (
        // The engine's notes are written in English (src/analysis/goal-seek.ts); said so in the Chinese workbench.
        <details data-testid="solve-notes"><summary>{language === 'en' ? 'Notes' : '计算说明（英文原文）'}</summary><ul>{notes.map((note) => <li key={note} lang="en">{note}</li>)}</ul></details>
      )}
    </section>
  );
}

function Sensitivity({ dealId, deal }: { dealId: string; deal: any }) {
  const { t, language } = useApp();
  const state = useAnalysisRun(dealId, 'sensitivity');
  const [indicator, setIndicator] = useState('equityIrr');
  const stream = (deal.revenue ?? []).find((s: any) => s.driver === 'parking') ?? deal.revenue?.[0];
  const changes = ['-0.2', '-0.1', '0', '0.1', '0.2'];
  const body = () => ({
    indicators: [indicator],
    tables: [stream ? { rows: { driver: { driver: 'price', stream: stream.id }, changes }, columns: { driver: { driver: 'volume', stream: stream.id }, changes }, indicator } : { rows: { driver: { driver: 'revenue' }, changes }, columns: { driver: { driver: 'capex' }, changes }, indicator }],
    switching: null,
  });
  const tornado = useMemo(() => (state.result ? buildTornadoOption(state.result.tornado.map((r: any) => ({ ...r, name: labelDriver(r.name, deal, language) })), indicator, state.result.base?.[indicator], { low: '−', high: '+' }) : null), [state.result]);
  const table = state.result?.tables?.[0];
  return (
    <section class="tool" data-testid="sensitivity">
      <h3>{t('sensitivity')}</h3>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void state.run(body()); }}>
        <label>{t('indicator')} <IndicatorSelect id="sensitivity-indicator" value={indicator} onChange={setIndicator} /></label>
        <button type="submit" class="primary" disabled={state.running}>{t('run')}</button>
      </form>
      <RunStatus state={state} testId="sensitivity" />
      {tornado && <figure><figcaption>{t('tornado')} — {labelIndicator(indicator, language)}（{formatIndicator(indicator, state.result.base?.[indicator])}）</figcaption><Chart option={tornado} label={t('tornado')} height={420} testId="tornado-chart" /></figure>}
      {table && (
        <figure>
          <figcaption>{t('twoWay')}: {labelDriver(table.rows.driver, deal, language)} × {labelDriver(table.columns.driver, deal, language)} → {labelIndicator(table.indicator, language)}</figcaption>
          <table class="list compact" data-testid="two-way">
            <thead><tr><th>{labelDriver(table.rows.driver, deal, language)} \ {labelDriver(table.columns.driver, deal, language)}</th>{table.columns.changes.map((c: string) => <th key={c}>{formatPercent(c, 0)}</th>)}</tr></thead>
            <tbody>{table.rows.changes.map((r: string, i: number) => <tr key={r}><th scope="row">{formatPercent(r, 0)}</th>{table.values[i].map((v: string | null, j: number) => <td key={j}>{formatIndicator(table.indicator, v)}</td>)}</tr>)}</tbody>
          </table>
        </figure>
      )}
    </section>
  );
}

export function StressPack({ dealId }: { dealId: string }) {
  const { t, language } = useApp();
  const state = useAnalysisRun(dealId, 'stress');
  const cases = state.result ? [state.result.base, ...state.result.cases] : [];
  const columns = ['equityIrr', 'projectIrrAfterTax', 'minDscr', 'llcr', 'minIcr', 'bondCoverageNet', 'allDebtCoverageNet'];
  return (
    <section class="tool" data-testid="stress">
      <h3>{t('stress')}</h3>
      <button type="button" class="primary" onClick={() => state.run({})} disabled={state.running}>{t('run')}</button>
      <RunStatus state={state} testId="stress" />
      {state.result && (
        <div class="table-scroll">
          <table class="list compact" data-testid="stress-table">
            <thead><tr><th>{t('case')}</th>{columns.map((c) => <th key={c}>{labelIndicator(c, language)}</th>)}<th>{t('breaches')}</th></tr></thead>
            <tbody>
              {cases.map((c: any) => {
                const broken = new Set(c.breaches.map((b: any) => b.covenant));
                return (
                  <tr key={c.id} class={c.breaksCovenant ? 'breach' : ''}>
                    <th scope="row">{c.name}</th>
                    {columns.map((k) => <td key={k} class={broken.has(k) || (k === 'minDscr' && broken.has('hardMinDscr')) || (k === 'bondCoverageNet' && broken.has('bondCoverage')) || (k === 'allDebtCoverageNet' && broken.has('allDebtCoverage')) ? 'breach-cell' : ''}>{formatIndicator(k, c.metrics?.[k])}</td>)}
                    <td>{c.breaches.length === 0 ? t('none') : c.breaches.map((b: any) => b.message).join('；')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Simulation({ dealId }: { dealId: string }) {
  const { t, language } = useApp();
  const state = useAnalysisRun(dealId, 'simulate');
  const [draws, setDraws] = useState('500');
  const body = () => ({
    draws: Number(draws),
    variables: [
      { driver: { driver: 'revenue' }, distribution: { kind: 'triangular', min: '-0.25', mode: '0', max: '0.1' } },
      { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: '-0.05', mode: '0', max: '0.2' } },
      { driver: { driver: 'opex' }, distribution: { kind: 'normal', mean: '0', sd: '0.05' } },
    ],
  });
  const percentiles = state.result?.percentiles ?? {};
  const rates = ['equityIrr', 'projectIrrAfterTax'];
  const chart = useMemo(() => (state.result ? buildPercentileOption(percentiles, rates, (_k, v) => Number(v) * 100, (k) => labelIndicator(k, language)) : null), [state.result]);
  const [shown, setShown] = useState('equityIrr');
  const histogram = state.result?.histograms?.[shown];
  const histogramChart = useMemo(() => (histogram && histogram.counts.length > 0 ? buildHistogramOption(histogram, INDICATORS[shown] === 'rate', { draws: t('draws') }) : null), [state.result, shown, language]);
  const histogramNames = Object.keys(state.result?.histograms ?? {});
  return (
    <section class="tool" data-testid="simulation">
      <h3>{t('simulation')}</h3>
      <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void state.run(body()); }}>
        <label>{t('draws')} <input id="simulation-draws" value={draws} onInput={(e) => setDraws(e.currentTarget.value)} inputMode="numeric" /></label>
        <span class="hint">{t('simulationDistributions')}</span>
        <button type="submit" class="primary" disabled={state.running}>{t('run')}</button>
      </form>
      <RunStatus state={state} testId="simulation" />
      {state.result && (
        <>
          <table class="list compact" data-testid="percentiles">
            <thead><tr><th>{t('indicator')}</th><th>P5</th><th>P50</th><th>P95</th><th>{t('mean')}</th></tr></thead>
            <tbody>{Object.entries(percentiles).map(([k, p]: [string, any]) => <tr key={k}><th scope="row">{labelIndicator(k, language)}</th><td>{formatIndicator(k, p.p5)}</td><td>{formatIndicator(k, p.p50)}</td><td>{formatIndicator(k, p.p95)}</td><td>{formatIndicator(k, p.mean)}</td></tr>)}</tbody>
          </table>
          <h4>{t('probabilities')}</h4>
          <ul>{Object.entries(state.result.probabilities ?? {}).map(([k, v]) => <li key={k}>{labelIndicator(k, language)}: {formatPercent(v as string, 1)}</li>)}</ul>
          {histogramNames.length > 0 && (
            <figure data-testid="histogram">
              <figcaption>
                <label>{t('histogram')}{' '}
                  <select id="histogram-indicator" value={shown} onChange={(e) => setShown(e.currentTarget.value)}>
                    {histogramNames.map((k) => <option key={k} value={k}>{labelIndicator(k, language)}</option>)}
                  </select>
                </label>
                {histogram && ` — ${histogram.counts.reduce((a: number, b: number) => a + b, 0)} ${t('drawsCounted')}`}
              </figcaption>
              {histogramChart ? <Chart option={histogramChart} label={t('histogram')} testId="histogram-chart" /> : <p>{t('noDraws')}</p>}
            </figure>
          )}
          {chart && <figure><figcaption>{t('percentiles')} (IRR, %)</figcaption><Chart option={chart} label={t('percentiles')} testId="percentile-chart" /></figure>}
        </>
      )}
    </section>
  );
}

export function ToolsPanel({ dealId, deal }: { dealId: string; deal: any }) {
  return (
    <div class="tools">
      <GoalSeek dealId={dealId} deal={deal} />
      <Sensitivity dealId={dealId} deal={deal} />
      <StressPack dealId={dealId} />
      <Simulation dealId={dealId} />
    </div>
  );
}
