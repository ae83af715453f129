import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { buildBondOption, buildCashFlowOption, buildCategoryOption, buildContributionPie, buildDebtOption, buildDscrOption, buildFiscalOption, type CashFlowBasis } from '../lib/chart-options.js';
import { formatNumber, formatPercent, formatStatementValue, formatWan } from '../lib/decimal-text.js';
import { describeBulletCover, readBulletNotes } from '../lib/bullet-note.js';
import { describeWarning, labelIndicator, METRICS } from '../lib/deal-labels.js';

/** The evaluation's `debt.coverage` keys as the indicators the labels know. */
const COVER_NAMES: Record<string, string> = { bondGross: 'bondCoverageGross', bondNet: 'bondCoverageNet', allDebtGross: 'allDebtCoverageGross', allDebtNet: 'allDebtCoverageNet' };
import { BondBatches } from './bond-batches.js';
import { Chart } from './chart.js';
import { FacilitiesTable } from './facilities-table.js';
import { readFacilityBreaches } from '../lib/facility-breaches.js';
import { WaterfallView } from './waterfall-view.js';

export function formatMetric(format: string, value: string | null | undefined): string {
  if (format === 'percent') return formatPercent(value);
  if (format === 'wan') return formatWan(value);
  return formatNumber(value, format === 'years' ? 1 : 2);
}

/** The key indicators, each with its meaning (and the engine's note) on hover. */
export function MetricsStrip({ result }: { result: any }) {
  const { language } = useApp();
  return (
    <dl class="metrics" data-testid="metrics">
      {METRICS.filter((m) => m.key in result.metrics).map((m) => {
        const note = result.metricNotes?.[m.key];
        const meaning = m.meaning[language === 'en' ? 1 : 0] + (note ? ` — ${note}` : '');
        return (
          <div key={m.key} class="metric" title={meaning} data-metric={m.key} tabIndex={0} aria-label={`${language === 'en' ? m.en : m.zh}: ${formatMetric(m.format, result.metrics[m.key])}. ${meaning}`}>
            <dt>{language === 'en' ? m.en : m.zh}</dt>
            <dd>{formatMetric(m.format, result.metrics[m.key])}</dd>
          </div>
        );
      })}
    </dl>
  );
}

export function CashFlowChart({ result }: { result: any }) {
  const { t, language } = useApp();
  const [basis, setBasis] = useState<CashFlowBasis>('projectAfterTax');
  const option = useMemo(() => buildCashFlowOption(result, basis, language, { net: t('netFlow'), cumulative: t('cumulative') }), [result, basis, language]);
  return (
    <figure>
      <figcaption>
        {t('cashFlowChart')}{' '}
        <select aria-label={t('cashFlowChart')} value={basis} onChange={(e) => setBasis(e.currentTarget.value as CashFlowBasis)}>
          <option value="projectPreTax">{t('projectPreTax')}</option>
          <option value="projectAfterTax">{t('projectAfterTax')}</option>
          <option value="equity">{t('equity')}</option>
        </select>
      </figcaption>
      <Chart option={option} label={t('cashFlowChart')} testId="cash-flow-chart" />
    </figure>
  );
}

export function Warnings({ result }: { result: any }) {
  const { t, language } = useApp();
  const list = [...(result.warnings ?? []), ...(result.problems ?? [])];
  return (
    <section>
      <h2>{t('warnings')}</h2>
      {list.length === 0 ? <p>{t('noWarnings')}</p> : (
        <ul class="warnings" data-testid="warnings">
          {list.map((w: any, i: number) => (
            <li key={i}>
              <strong>{describeWarning(w.code, language)}</strong>
              {w.years?.length ? ` (${w.years.join('、')})` : ''}: <span class="warning-detail" lang="en">{w.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A statement as a table in 万元: sticky row labels and year headers, thousands separators. */
export function StatementTable({ statement, years }: { statement: any; years: string[] }) {
  const { language } = useApp();
  return (
    <div class="statement-scroll" tabIndex={0} aria-label={language === 'en' ? statement.en : statement.zh}>
      <table class="statement" data-statement={statement.key}>
        <caption>{language === 'en' ? statement.en : statement.zh}</caption>
        <thead>
          <tr>
            <th scope="col" class="row-label">{language === 'en' ? 'Item (10k CNY)' : '项目（万元）'}</th>
            {years.map((y) => <th scope="col" key={y}>{y}</th>)}
            <th scope="col">{language === 'en' ? 'Total' : '合计'}</th>
          </tr>
        </thead>
        <tbody>
          {statement.rows.map((row: any) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row" class="row-label">{row.no ? `${row.no} ` : ''}{language === 'en' ? row.en : row.zh}</th>
              {row.values.map((v: string | null, i: number) => <td key={i}>{formatStatementValue(row.unit, v)}</td>)}
              <td>{row.total === undefined || (row.unit === 'ratio' && row.total === null) ? '' : formatStatementValue(row.unit, row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatementTables({ result }: { result: any }) {
  const { t, language } = useApp();
  const keys = Object.keys(result.statements);
  const [shown, setShown] = useState(keys[0] ?? '');
  const years = result.years.map((y: any) => String(y.calendarYear ?? y));
  const statement = result.statements[shown];
  return (
    <section>
      <h2>{t('statements')}</h2>
      <div role="tablist" class="subtabs">
        {keys.map((k) => (
          <button type="button" role="tab" key={k} aria-selected={k === shown} onClick={() => setShown(k)}>{language === 'en' ? result.statements[k].en : result.statements[k].zh}</button>
        ))}
      </div>
      {statement && <StatementTable statement={statement} years={years} />}
    </section>
  );
}

/** Each special bond's 自求平衡 test (methodology §10): coverage over the bond's life, its batches and the yearly table. */
function BondChart({ bond, covenant }: { bond: any; covenant?: string }) {
  const { language } = useApp();
  const en = language === 'en';
  const words = { balance: en ? 'Repayment account' : '偿债资金余额', topUp: en ? 'Issuer top-up' : '财政补足', cover: en ? 'Cumulative cover' : '累计覆盖倍数', covenant: en ? 'Floor' : '覆盖倍数下限' };
  const option = useMemo(() => buildBondOption(bond, language, covenant, words), [bond, language, covenant]);
  const label = `${bond.name ?? bond.id} — ${en ? 'repayment account and cumulative cover' : '偿债资金账户与累计覆盖倍数'}`;
  return <figure><figcaption>{label}</figcaption><Chart option={option} label={label} testId={`bond-chart-${bond.id}`} /></figure>;
}

function BondBalance({ bonds, covenant }: { bonds: any[]; covenant?: string }) {
  const { t, language } = useApp();
  // Headers in the UI language (amounts in 万元, the cumulative cover a multiple).
  const columns: Array<[string, string]> = (
    [
      ['revenue', '收益（万元）', 'Revenue (10k yuan)'],
      ['costs', '成本（万元）', 'Costs (10k yuan)'],
      ['netIncome', '净收益（万元）', 'Net income (10k yuan)'],
      ['service', '还本付息（万元）', 'Debt service (10k yuan)'],
      ['cumulativeCoverage', '累计覆盖倍数', 'Cumulative cover (×)'],
      ['issuerTopUp', '财政补足（万元）', 'Issuer top-up (10k yuan)'],
      ['accountBalance', '偿债资金余额（万元）', 'Repayment account (10k yuan)'],
    ] as const
  ).map(([k, zh, en]) => [k, language === 'en' ? en : zh]);
  return (
    <section data-testid="bond-balance">
      <h2>{t('bondBalance')}</h2>
      <div class="table-scroll">
      <table class="list compact" data-testid="bond-cover">
        <thead><tr><th>{language === 'en' ? 'Bond' : '债券'}</th><th>{t('earmarked')}</th>{(language === 'en' ? ['Cover, gross', 'Cover, net', 'Cover, all debt', 'Minimum DSCR outside bullet years', 'Bullet repayments'] : ['覆盖倍数（总收益）', '覆盖倍数（净收益）', '全部债务覆盖倍数', '最低 DSCR（到期一次还本年除外）', '到期一次还本']).map((h) => <th key={h}>{h}</th>)}</tr></thead>
        <tbody>
          {bonds.map((b) => {
            // Methodology §10.13: a bullet year's DSCR is the year's cash over the whole principal; the account pays the bullet.
            const bullet = describeBulletCover(b.bullet, language === 'en');
            return (
            <tr key={b.id} data-testid={`bond-${b.id}`}>
              <th scope="row">{b.name ?? b.id}</th><td>{b.earmarked ? t('yes') : t('none')}</td>
              <td>{formatNumber(b.coverageGross, 2)}</td><td>{formatNumber(b.coverageNet, 2)}</td><td>{formatNumber(b.coverageAllDebt, 2)}</td>
              <td data-ratio="minDscrExcludingBullet">{bullet?.minDscrExcludingBullet ?? '—'}{bullet?.note && <div class="cell-note" data-note="bullet">{bullet.note}</div>}</td>
              <td data-bullets>{bullet && bullet.bullets.length > 0
                ? bullet.bullets.map((x) => <div key={x.year} data-bullet-year={x.year} class={x.covered ? undefined : 'breach-cell'}>{x.text}</div>)
                : t('none')}</td>
            </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {bonds.map((b) => <BondBatches key={b.id} bond={b} />)}
      <div class="chart-grid">{bonds.map((b) => <BondChart key={b.id} bond={b} covenant={covenant} />)}</div>
      {bonds.map((b) => (
        <details key={b.id}>
          <summary>{b.name ?? b.id} — {t('bondYearly')}</summary>
          <div class="table-scroll">
            <table class="list compact">
              <thead><tr><th>{language === 'en' ? 'Year' : '年份'}</th>{columns.map(([k, label]) => <th key={k}>{label}</th>)}</tr></thead>
              <tbody>
                {b.table.map((r: any) => (
                  <tr key={r.year}><th scope="row">{r.year}</th>{columns.map(([k]) => <td key={k}>{k === 'cumulativeCoverage' ? formatNumber(r[k], 2) : formatWan(r[k])}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </section>
  );
}

/** Everything an evaluation shows: indicators, charts, warnings and the statements. */
export function ResultsView({ result, covenants }: { result: any; covenants?: Record<string, string> }) {
  const { t, language } = useApp();
  const contributions = result.contributions;
  const dscr = useMemo(() => buildDscrOption(result, covenants?.minDscr, { dscr: 'DSCR', covenant: t('covenant') }), [result, language]);
  const debt = useMemo(() => buildDebtOption(result, language), [result, language]);
  const fiscal = useMemo(() => buildFiscalOption(result, language), [result, language]);
  return (
    <div class="results" data-testid="results">
      <MetricsStrip result={result} />
      <div class="chart-grid">
        <CashFlowChart result={result} />
        <figure><figcaption>{t('dscrChart')}</figcaption><Chart option={dscr} label={t('dscrChart')} testId="dscr-chart" /></figure>
        <figure><figcaption>{t('debtChart')}</figcaption><Chart option={debt} label={t('debtChart')} testId="debt-chart" /></figure>
        <figure><figcaption>{t('fiscalChart')}</figcaption><Chart option={fiscal} label={t('fiscalChart')} testId="fiscal-chart" /></figure>
      </div>
      {contributions && (
        <section>
          <h2>{t('whoPays')}</h2>
          <div class="chart-grid three">
            <figure><figcaption>{t('byParty')}</figcaption><Chart option={buildContributionPie(contributions.byParty, language)} label={t('byParty')} height={280} /></figure>
            <figure><figcaption>{t('byLevel')}</figcaption><Chart option={buildContributionPie(contributions.byLevel, language)} label={t('byLevel')} height={280} /></figure>
            <figure><figcaption>{t('byCategory')}</figcaption><Chart option={buildCategoryOption(contributions.byCategory ?? [], language)} label={t('byCategory')} height={280} /></figure>
          </div>
        </section>
      )}
      {result.debt?.coverage && (
        <section>
          <h2>{t('coverRatios')}</h2>
          <table class="list compact" data-testid="cover-ratios">
            <tbody>
              {Object.entries(result.debt.coverage as Record<string, string | null>).map(([k, v]) => <tr key={k}><th scope="row">{labelIndicator(COVER_NAMES[k] ?? k, language)} <code>{k}</code></th><td>{formatNumber(v, 2)}</td></tr>)}
              {['minDscr', 'avgDscr', 'llcr', 'minIcr'].map((k) => <tr key={k}><th scope="row">{labelIndicator(k, language)} <code>{k}</code></th><td>{formatNumber(result.metrics[k], 2)}</td></tr>)}
            </tbody>
          </table>
          {Array.isArray(result.debt.facilities) && result.debt.facilities.length > 0 && <FacilitiesTable facilities={result.debt.facilities} breaches={readFacilityBreaches(result.debt.facilities)} bulletNotes={readBulletNotes(result.bonds, language === 'en')} />}
        </section>
      )}
      {Array.isArray(result.bonds) && result.bonds.length > 0 && <BondBalance bonds={result.bonds} covenant={covenants?.bondCoverage} />}
      {result.waterfall && <WaterfallView result={result} />}
      {result.statements.debtService && (
        <section data-testid="debt-schedule">
          <h2>{t('debtSchedule')}</h2>
          <StatementTable statement={result.statements.debtService} years={result.years.map((y: any) => String(y.calendarYear ?? y))} />
        </section>
      )}
      <Warnings result={result} />
      <StatementTables result={result} />
    </div>
  );
}
