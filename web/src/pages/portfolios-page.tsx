import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Chart } from '../components/chart.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { formatMetric, StatementTable } from '../components/results-view.js';
import { buildAffordabilityOption } from '../lib/chart-options.js';
import { formatPercent, formatWan } from '../lib/decimal-text.js';
import { labelParty, METRICS } from '../lib/deal-labels.js';
import { saveBlob } from './deal-page.js';

export function PortfoliosPage() {
  const { client, t } = useApp();
  const [items, setItems] = useState<any[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void client.call<{ items: any[] }>('listPortfolios').then((r) => setItems(r.body.items), setError), []);
  return (
    <section>
      <h1>{t('portfolios')}</h1>
      <ProblemBanner error={error} />
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noPortfolios')}</p> : (
        <table class="list" data-testid="portfolio-list">
          <thead><tr><th>{t('name')}</th><th>{t('members')}</th><th>{t('updated')}</th></tr></thead>
          <tbody>{items.map((p) => <tr key={p.id}><td><a href={`#/portfolios/${p.id}`}>{p.name}</a></td><td>{p.portfolio.members.length}</td><td>{p.updatedAt.slice(0, 16).replace('T', ' ')}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}

/** The bureau's view of a portfolio: members, its level's spending by year, affordability against the limits. */
export function PortfolioPage({ portfolioId }: { portfolioId: string }) {
  const { client, t, language } = useApp();
  const [portfolio, setPortfolio] = useState<any>(null);
  const [result, setResult] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [memberSpending, setMemberSpending] = useState<{ label: string; byYear: Map<number, string> }[] | null>(null);
  useEffect(() => {
    void (async () => {
      const definition = (await client.call<any>('readPortfolio', { params: { id: portfolioId } })).body;
      setPortfolio(definition);
      const evaluated = (await client.call<any>('evaluatePortfolio', { params: { id: portfolioId } })).body.result;
      setResult(evaluated);
      // Each member's spending of the budget's level by calendar year: its own evaluation's fiscal view.
      const level = evaluated.affordability?.level ?? definition.portfolio.affordability?.level ?? 'district';
      const rows = await Promise.all(
        evaluated.members.map(async (m: any, i: number) => {
          const member = definition.portfolio.members[i] ?? {};
          const reply = member.scenario
            ? await client.call<any>('evaluateScenario', { params: { id: m.dealId, scenarioId: member.scenario } })
            : await client.call<any>('evaluateDeal', { params: { id: m.dealId }, query: { revision: m.revision } });
          const row = reply.body.statements.fiscalView.rows.find((r: any) => r.key === `${level}.outflows`);
          const byYear = new Map<number, string>();
          reply.body.years.forEach((y: any, j: number) => byYear.set(y.calendarYear, row?.values[j] ?? '0'));
          return { label: m.label, byYear };
        }),
      );
      setMemberSpending(rows);
    })().catch(setError);
  }, [portfolioId, language]);
  const affordability = result?.affordability;
  const option = useMemo(() => (affordability ? buildAffordabilityOption(affordability, { ppp: t('pppLine'), pay: t('payLine'), limit: t('limit') }) : null), [affordability, language]);
  const level = affordability?.level ?? portfolio?.portfolio?.affordability?.level ?? 'district';
  const fiscal = result?.statements?.fiscalView;
  const spending = fiscal && { ...fiscal, rows: fiscal.rows.filter((r: any) => r.key.startsWith(`${level}.`) && !/inflows|vat|incomeTax|surcharges|revenueShare|net$/.test(r.key)) };
  const download = async () => {
    try {
      const { blob, fileName } = await client.download('portfolioWorkbook', { params: { id: portfolioId } });
      saveBlob(blob, fileName);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>{portfolio?.name ?? t('portfolios')}</h1>
      <ProblemBanner error={error} />
      {!result ? <p>{t('loading')}</p> : (
        <>
          <button type="button" onClick={download}>{t('termSheet')}</button>
          <h2>{t('members')}</h2>
          <table class="list compact" data-testid="members">
            <thead><tr><th>{t('name')}</th><th>{t('revision')}</th>{METRICS.filter((m) => m.key in result.members[0].metrics).map((m) => <th key={m.key}>{language === 'en' ? m.en : m.zh}</th>)}</tr></thead>
            <tbody>{result.members.map((m: any) => <tr key={m.dealId + (m.scenario ?? '')}><td>{m.label}</td><td>{m.revision}</td>{METRICS.filter((x) => x.key in m.metrics).map((x) => <td key={x.key}>{formatMetric(x.format, m.metrics[x.key])}</td>)}</tr>)}</tbody>
          </table>
          {memberSpending && (
            <>
              <h2>{t('memberSpending')} — {labelParty(level, language)}</h2>
              <StatementTable
                statement={{ key: 'memberSpending', zh: t('memberSpending'), en: t('memberSpending'), rows: memberSpending.map((m, i) => ({ key: `m${i}`, zh: m.label, en: m.label, values: result.years.map((y: number) => m.byYear.get(y) ?? '0.00') })) }}
                years={result.years.map(String)}
              />
            </>
          )}
          {spending && (
            <>
              <h2>{t('subsidyByYear')} — {labelParty(level, language)}</h2>
              <StatementTable statement={spending} years={result.years.map(String)} />
            </>
          )}
          {affordability ? (
            <>
              <h2>{t('affordability')} — {labelParty(level, language)}</h2>
              {option && <Chart option={option} label={t('affordability')} height={360} testId="affordability-chart" />}
              <ul class="breaches" data-testid="breaches">
                <li>{t('pppBreaches')} (&gt; {formatPercent(affordability.pppLimit, 0)}): {affordability.pppBreaches.join('、') || t('none')}</li>
                <li>{t('payBreaches')} (&gt; {formatPercent(affordability.governmentPayLimit, 0)}): {affordability.governmentPayBreaches.join('、') || t('none')}</li>
                {affordability.uncheckedYears.length > 0 && <li>{t('uncheckedYears')}: {affordability.uncheckedYears.join('、')}</li>}
              </ul>
              <table class="list compact">
                <thead><tr><th>{t('year')}</th><th>{language === 'en' ? 'Budget expenditure' : '一般公共预算支出'}</th><th>{t('pppLine')}</th><th>%</th><th>{t('payLine')}</th><th>%</th></tr></thead>
                <tbody>{affordability.years.map((y: any) => <tr key={y.year} class={affordability.pppBreaches.includes(y.year) || affordability.governmentPayBreaches.includes(y.year) ? 'breach' : ''}><td>{y.year}</td><td>{formatWan(y.expenditure)}</td><td>{formatWan(y.pppSpending)}</td><td>{formatPercent(y.pppRatio)}</td><td>{formatWan(y.governmentPay)}</td><td>{formatPercent(y.governmentPayRatio)}</td></tr>)}</tbody>
              </table>
            </>
          ) : <p>{language === 'en' ? 'This portfolio states no budget envelope, so affordability is not checked.' : '该组合未设定预算规模，未做财政承受能力检查。'}</p>}
        </>
      )}
    </section>
  );
}
