import { decimalToPercent } from './decimal-text.js';
import { labelParty } from './deal-labels.js';
import type { Language } from './i18n.js';

/** Chart values: 元 → 万元 as numbers (display only; tables use exact text). */
const wan = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v) / 10_000);
const findRow = (statement: any, key: string) => statement?.rows?.find((r: any) => r.key === key);
const yearsOf = (result: any): string[] => result.years.map((y: any) => String(y.calendarYear ?? y));

export type CashFlowBasis = 'projectPreTax' | 'projectAfterTax' | 'equity';
const CASH_FLOW_ROWS: Record<CashFlowBasis, [string, string, string]> = {
  projectPreTax: ['projectCashFlow', 'netCashFlowPreTax', 'cumulativePreTax'],
  projectAfterTax: ['projectCashFlow', 'netCashFlowAfterTax', 'cumulativeAfterTax'],
  equity: ['equityCashFlow', 'netCashFlow', 'cumulativeNetCashFlow'],
};

const axisWan = (language: Language) => ({ type: 'value', name: language === 'en' ? '10k CNY' : '万元' });

/** Yearly net cash flow as bars, the cumulative as a line (万元). */
export function buildCashFlowOption(result: any, basis: CashFlowBasis, language: Language, words: { net: string; cumulative: string }) {
  const [statement, netKey, cumulativeKey] = CASH_FLOW_ROWS[basis];
  const net = findRow(result.statements[statement], netKey)?.values ?? [];
  const cumulative = findRow(result.statements[statement], cumulativeKey)?.values ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: yearsOf(result) },
    yAxis: axisWan(language),
    series: [
      { name: words.net, type: 'bar', data: net.map(wan), itemStyle: { color: '#3b7dd8' } },
      { name: words.cumulative, type: 'line', data: cumulative.map(wan), itemStyle: { color: '#d9822b' } },
    ],
  };
}

/** DSCR per year against the covenant's minimum (a dashed line). */
export function buildDscrOption(result: any, covenant: string | undefined, words: { dscr: string; covenant: string }) {
  const dscr = (result.debt?.dscr ?? []).map((v: string | null) => (v === null ? null : Number(v)));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: yearsOf(result) },
    yAxis: { type: 'value', name: 'DSCR' },
    series: [
      {
        name: words.dscr,
        type: 'bar',
        data: dscr.map((v: number | null) => (v === null ? null : { value: v, itemStyle: { color: covenant !== undefined && v < Number(covenant) ? '#c0392b' : '#2e8b57' } })),
        markLine: covenant === undefined ? undefined : { symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, label: { formatter: `${words.covenant} ${covenant}` }, data: [{ yAxis: Number(covenant) }] },
      },
    ],
  };
}

/** The closing balance of each facility by year (the debt service statement's `<id>.closing` rows). */
export function buildDebtOption(result: any, language: Language) {
  const rows = (result.statements.debtService?.rows ?? []).filter((r: any) => r.key.endsWith('.closing'));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 70, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: yearsOf(result) },
    yAxis: axisWan(language),
    series: rows.map((r: any) => ({ name: r.zh.split('：')[0], type: 'line', areaStyle: { opacity: 0.15 }, stack: 'debt', data: r.values.map(wan) })),
  };
}

/** Who pays: a pie of nominal contributions by party or by government level. */
export function buildContributionPie(entries: { nominal: string; party?: string; level?: string }[], language: Language) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} 万元 ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: entries.filter((e) => Number(e.nominal) !== 0).map((e) => ({ name: labelParty(e.party ?? e.level ?? '', language), value: wan(e.nominal) })),
      },
    ],
  };
}

/** Capex category × party, stacked bars (万元). */
export function buildCategoryOption(byCategory: any[], language: Language) {
  const parties: string[] = [...new Set<string>(byCategory.flatMap((c) => c.byParty.map((p: any) => p.party)))];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 70, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: byCategory.map((c) => labelParty(c.category, language)) },
    yAxis: axisWan(language),
    series: parties.map((party) => ({ name: labelParty(party, language), type: 'bar', stack: 'total', data: byCategory.map((c) => wan(c.byParty.find((p: any) => p.party === party)?.nominal ?? '0')) })),
  };
}

/** The government's net fiscal flow by level and year (the fiscal view's `<level>.net` rows). */
export function buildFiscalOption(result: any, language: Language) {
  const levels = ['central', 'provincial', 'municipal', 'district'];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: yearsOf(result) },
    yAxis: axisWan(language),
    series: levels
      .map((level) => ({ level, row: findRow(result.statements.fiscalView, `${level}.net`) }))
      .filter((x) => x.row)
      .map(({ level, row }) => ({ name: labelParty(level, language), type: 'bar', stack: 'net', data: row.values.map(wan) })),
  };
}

/** The same chart for several evaluations: each one's cumulative after-tax project cash flow. */
export function buildOverlayOption(named: { name: string; result: any }[], language: Language) {
  const first = named[0]?.result;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: first ? yearsOf(first) : [] },
    yAxis: axisWan(language),
    series: named.map(({ name, result }) => ({ name, type: 'line', data: (findRow(result.statements.projectCashFlow, 'cumulativeAfterTax')?.values ?? []).map(wan) })),
  };
}

/** Tornado: for each driver, the indicator's low and high against the base (horizontal bars). */
export function buildTornadoOption(tornado: any[], indicator: string, base: string | undefined, words: { low: string; high: string }) {
  const baseValue = Number(base ?? 0);
  const rows = tornado
    .map((row) => {
      const values = row.points.map((p: any) => p.values?.[indicator]).filter((v: any) => v !== null && v !== undefined).map(Number);
      return { name: row.name, low: values.length ? Math.min(...values) : baseValue, high: values.length ? Math.max(...values) : baseValue };
    })
    .sort((a, b) => Math.abs(a.high - a.low) - Math.abs(b.high - b.low))
    .slice(-15);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 190, right: 30, top: 36, bottom: 30 },
    xAxis: { type: 'value', scale: true },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [
      { name: words.low, type: 'bar', stack: 'range', data: rows.map((r) => r.low - baseValue), itemStyle: { color: '#c0392b' } },
      { name: words.high, type: 'bar', stack: 'range2', barGap: '-100%', data: rows.map((r) => r.high - baseValue), itemStyle: { color: '#2e8b57' } },
    ],
  };
}

/** Percentiles of the simulated indicators (p5, p50, p95, mean), one group of bars per indicator. */
export function buildPercentileOption(percentiles: Record<string, any>, indicators: string[], scale: (key: string, v: string) => number, label: (key: string) => string = (k) => k) {
  const marks = ['p5', 'p50', 'p95'];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: indicators.map(label) },
    yAxis: { type: 'value' },
    series: marks.map((m) => ({ name: m.toUpperCase(), type: 'bar', data: indicators.map((k) => (percentiles[k]?.[m] == null ? null : scale(k, percentiles[k][m]))) })),
  };
}

/** Affordability: spending as a share of the budget by year, against the 10% and 5% limits (in %). */
export function buildAffordabilityOption(affordability: any, words: { ppp: string; pay: string; limit: string }) {
  const pct = (v: string | null) => (v === null ? null : Number(v) * 100);
  const line = (value: string, color: string, name: string) => ({ symbol: 'none', lineStyle: { type: 'dashed', color }, label: { formatter: `${name} ${decimalToPercent(value)}%` }, data: [{ yAxis: pct(value) }] });
  const breach = new Set<number>(affordability.pppBreaches);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 150, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: affordability.years.map((y: any) => String(y.year)) },
    yAxis: { type: 'value', name: '%', max: (v: { max: number }) => Math.ceil(Math.max(v.max, pct(affordability.pppLimit)! * 1.2)) },
    series: [
      {
        name: words.ppp, type: 'bar',
        data: affordability.years.map((y: any) => ({ value: pct(y.pppRatio), itemStyle: { color: breach.has(y.year) ? '#c0392b' : '#3b7dd8' } })),
        markLine: line(affordability.pppLimit, '#c0392b', `${words.ppp}${words.limit}`),
      },
      { name: words.pay, type: 'bar', data: affordability.years.map((y: any) => pct(y.governmentPayRatio)), itemStyle: { color: '#d9822b' }, markLine: line(affordability.governmentPayLimit, '#d9822b', `${words.pay}${words.limit}`) },
    ],
  };
}

/**
 * The cash waterfall (methodology §11.6) by year: 应付利润 as bars, the DSRA, MMRA and 临时借款 balances as
 * lines (万元); a locked-up year's label in red (its distribution is held back by the DSCR test).
 */
export function buildWaterfallOption(result: any, language: Language, words: { distributions: string; dsra: string; mmra: string; shortTerm: string }) {
  const w = result.waterfall;
  const locked = new Set<string>((w.lockUpYears ?? []).map(String));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: yearsOf(result), axisLabel: { formatter: (year: string) => (locked.has(year) ? `{locked|${year}}` : year), rich: { locked: { color: '#c0392b', fontWeight: 'bold' } } } },
    yAxis: axisWan(language),
    series: [
      { name: words.distributions, type: 'bar', data: w.distributions.map(wan), itemStyle: { color: '#2e8b57' } },
      { name: words.dsra, type: 'line', data: w.dsra.closing.map(wan), itemStyle: { color: '#3b7dd8' } },
      { name: words.mmra, type: 'line', data: w.mmra.closing.map(wan), itemStyle: { color: '#8e44ad' } },
      { name: words.shortTerm, type: 'line', data: w.shortTerm.closing.map(wan), itemStyle: { color: '#c0392b' }, lineStyle: { type: 'dashed' } },
    ],
  };
}

/**
 * A special bond by year (methodology §10): the repayment account's balance and the issuer's top-up as
 * bars (万元), the cumulative cover as a line on its own axis against the covenant's floor (dashed).
 */
export function buildBondOption(bond: any, language: Language, covenant: string | undefined, words: { balance: string; topUp: string; cover: string; covenant: string }) {
  const table: any[] = bond.table ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 50, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: table.map((r) => String(r.year)) },
    yAxis: [axisWan(language), { type: 'value', name: '×', splitLine: { show: false } }],
    series: [
      { name: words.balance, type: 'bar', data: table.map((r) => wan(r.accountBalance)), itemStyle: { color: '#3b7dd8' } },
      { name: words.topUp, type: 'bar', data: table.map((r) => wan(r.issuerTopUp)), itemStyle: { color: '#c0392b' } },
      {
        name: words.cover, type: 'line', yAxisIndex: 1, data: table.map((r) => (r.cumulativeCoverage === null ? null : Number(r.cumulativeCoverage))), itemStyle: { color: '#2e8b57' },
        markLine: covenant === undefined ? undefined : { symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, label: { formatter: `${words.covenant} ${covenant}` }, data: [{ yAxis: Number(covenant) }] },
      },
    ],
  };
}

/**
 * The simulated draws of one indicator as a histogram (the API's equal-width bins, methodology §8.6):
 * one bar per bin, labelled by its range, rates shown in %.
 */
export function buildHistogramOption(histogram: { edges: string[]; counts: number[] }, rate: boolean, words: { draws: string }) {
  const show = (edge: string) => (rate ? `${(Number(edge) * 100).toFixed(2)}%` : Number(edge).toFixed(2));
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 20, top: 30, bottom: 60 },
    xAxis: { type: 'category', data: histogram.counts.map((_, i) => `${show(histogram.edges[i]!)} – ${show(histogram.edges[i + 1]!)}`), axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: { type: 'value', name: words.draws, minInterval: 1 },
    series: [{ name: words.draws, type: 'bar', barCategoryGap: '2%', data: histogram.counts, itemStyle: { color: '#3b7dd8' } }],
  };
}
