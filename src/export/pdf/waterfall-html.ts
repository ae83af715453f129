import type { Deal } from '../../deal/deal-schema.js';
import type { WireEvaluation } from '../../engine/to-wire.js';
import { escapeHtml, listYears, paragraph, rate, ratio, sumYuan, table, wan, wanInText } from './html-parts.js';

/** One column of a by-year waterfall table: its header, each year's printed value and the total row's. */
interface YearColumn {
  head: string;
  /** The header over several columns (偿债准备金 DSRA over its top-up, release and draw). */
  group?: string;
  /** The step's name where the tables leave it out. */
  name: string;
  cells: string[];
  total: string;
  /** Printed even when every year is zero (the statement's own lines: CFADS, 应付利润, cash retained). */
  always?: boolean;
  /** Whether the step happened at all: a money column with a non-zero year, a flag column with a flagged year. */
  used: boolean;
}

/**
 * 现金流分配 The cash waterfall as the lender reads it (methodology §11.6, §11.11), from the evaluation's
 * `waterfall`: first its terms and what they did (reserves, lock-up, sweep, 应付利润, 临时借款, survival),
 * then the steps year by year in two tables (debt service and reserves; distributions, sweep,
 * 临时借款 and balances) and, when anything is distributed, a third: 应付利润 by shareholder. Every year of the timeline is a row — a long deal only lengthens the table,
 * whose header repeats on each page —, and the total row sums each flow. A step that is zero in every
 * year is left out of the tables and named under them. Pure.
 */
export function buildWaterfallHtml(deal: Deal, e: WireEvaluation): string {
  const w = e.waterfall;
  // Money rows of a statement (never null: only ratio rows carry nulls).
  const row = (statement: keyof WireEvaluation['statements'], key: string) => e.statements[statement].rows.find((r) => r.key === key)?.values.map((v) => v ?? '0.00') ?? null;
  const zeros = new Array<string>(e.years.length).fill('0.00');
  const interestPaid = row('financialPlan', 'interestPaid') ?? zeros;
  const principalRepaid = row('financialPlan', 'principalRepaid') ?? zeros;
  // Senior debt service the project pays (methodology §11.6): interest + scheduled principal of the 财务计划现金流量表 (3.6 + 3.7).
  const seniorService = interestPaid.map((v, t) => sumYuan([v, principalRepaid[t]!]));
  const cfads = row('debtService', 'cfads') ?? zeros;

  type Place = Pick<YearColumn, 'head' | 'name' | 'group'>;
  const money = (place: Place, values: readonly string[], always = false): YearColumn => ({
    ...place, cells: values.map(wan), total: wan(sumYuan(values)), always, used: values.some((v) => Number(v) !== 0),
  });
  const balance = (place: Place, values: readonly string[]): YearColumn => ({ ...place, cells: values.map(wan), total: '', used: values.some((v) => Number(v) !== 0) });
  const dscr: YearColumn = { head: '偿债备付率 DSCR', name: '偿债备付率', cells: e.debt.dscr.map((v) => (v === null ? '' : ratio(v))), total: '', used: e.debt.dscr.some((v) => v !== null) };
  const lockedYears = w.lockedUp.filter(Boolean).length;
  const lockUp: YearColumn = { head: '分配锁定 Lock-up', name: '分配锁定', cells: w.lockedUp.map((v) => (v ? '锁定' : '')), total: lockedYears > 0 ? `${lockedYears}年` : '', used: lockedYears > 0 };
  const DSRA = '偿债准备金 DSRA';
  const MMRA = '大修准备金 MMRA';
  const SHORT = '临时借款 Short-term borrowing';
  const CLOSING = '期末余额 Balances at year end';

  const debtAndReserves = [
    money({ head: '可用于还本付息的资金 CFADS', name: 'CFADS' }, cfads, true),
    money({ head: '优先债务还本付息 Senior service', name: '优先债务还本付息' }, seniorService),
    dscr,
    money({ head: '存入 top-up', name: '偿债准备金存入', group: DSRA }, w.dsra.deposit),
    money({ head: '释放 release', name: '偿债准备金释放', group: DSRA }, w.dsra.release),
    money({ head: '动用 draw', name: '偿债准备金动用', group: DSRA }, w.dsra.draw),
    money({ head: '存入 top-up', name: '大修准备金存入', group: MMRA }, w.mmra.deposit),
    money({ head: '释放 release', name: '大修准备金释放', group: MMRA }, w.mmra.release),
  ];
  const distributionsAndBalances = [
    lockUp,
    money({ head: '扫款提前还本 Sweep prepayment', name: '现金流量扫款' }, w.sweep?.prepayment ?? zeros),
    money({ head: '应付利润 Distributions', name: '应付利润' }, w.distributions, true),
    money({ head: '借入 drawn', name: '临时借款借入', group: SHORT }, w.shortTerm.drawn),
    money({ head: '偿还 repaid', name: '临时借款偿还', group: SHORT }, w.shortTerm.repaid),
    money({ head: '利息 interest', name: '临时借款利息', group: SHORT }, w.shortTerm.interest),
    balance({ head: '余额 balance', name: '临时借款余额', group: SHORT }, w.shortTerm.closing),
    balance({ head: '偿债准备金 DSRA', name: '偿债准备金余额', group: CLOSING }, w.dsra.closing),
    balance({ head: '大修准备金 MMRA', name: '大修准备金余额', group: CLOSING }, w.mmra.closing),
    { ...balance({ head: '留存现金 cash retained', name: '留存现金', group: CLOSING }, w.freeCash), always: true },
  ];
  const shown = (columns: YearColumn[]) => columns.filter((c) => c.always || c.used);
  const omitted = [...debtAndReserves, ...distributionsAndBalances].filter((c) => !c.always && !c.used).map((c) => c.name);
  const yearLabel = e.years.map((y) => `${y.calendarYear}${y.phase !== 'operation' ? ' 建' : ''}`);
  const byYear = (columns: YearColumn[], caption: string) => yearTable(
    columns,
    [...yearLabel.map((label, t) => [label, ...columns.map((c) => c.cells[t]!)]), ['合计 Total', ...columns.map((c) => c.total)]],
    caption,
  );

  return [
    table(['步骤 Step', '条款 Terms', '结果 Outcome'], listWaterfallTerms(deal, e), [], '条款见交易参数 waterfall 部分；结果为本次测算 terms from the deal\'s waterfall settings; outcomes of this evaluation', 'terms'),
    byYear(shown(debtAndReserves), '一、还本付息及准备金（万元）：逐年列示计算期全部年份（“建”为建设期），合计为各年流量之和；优先债务还本付息 = 财务计划现金流量表 3.6 利息 + 3.7 计划还本（不含扫款提前还本）；DSCR = CFADS / 当年应还本付息 (methodology §11.6)'),
    byYear(shown(distributionsAndBalances), '二、分配、扫款及临时借款（万元）：余额为年末数，合计行不加总余额 (methodology §11.6, §11.11)'),
    ...(w.returns.shareholders.length > 0 && w.distributions.some((v) => Number(v) !== 0) ? [byYear(listShareholderColumns(e), '三、应付利润按股东分配（万元）：各股东 = 应付利润 × 其分配比例（约定的 profitShare，未约定时按其建设投资出资占比）；引擎不取整拆分，各列四舍五入后之和与合计可差 0.01 万元 each shareholder = 应付利润 × its share, split unrounded (methodology §11)')] : []),
    paragraph(omitted.length === 0 ? '各步骤均有发生额。 Every step has a figure.' : `本测算全年为零、未列示的步骤 steps with no figure in any year, not shown：${omitted.join('、')}。`, true),
  ].join('');
}

/** 应付利润 by shareholder: a column per shareholder (its name and share), then the year's total. */
function listShareholderColumns(e: WireEvaluation): YearColumn[] {
  const w = e.waterfall;
  const column = (head: string, values: readonly string[]): YearColumn => ({ head, name: head, cells: values.map(wan), total: wan(sumYuan(values)), used: true, always: true });
  return [
    ...w.returns.shareholders.map((h) => column(`${h.investor} ${rate(h.share)}`, h.distributions)),
    column('应付利润合计 Distributions', w.distributions),
  ];
}

/**
 * A by-year table with two header rows (both repeated on each page it runs over): a column under a
 * group (偿债准备金 DSRA: 存入, 释放, 动用) is headed by the group spanning them, the others span both rows.
 * The last row is the total.
 */
function yearTable(columns: YearColumn[], rows: string[][], caption: string): string {
  const top: string[] = ['<th rowspan="2">年份 Year</th>'];
  const sub: string[] = [];
  columns.forEach((c, k) => {
    if (c.group === undefined) top.push(`<th class="num" rowspan="2">${escapeHtml(c.head)}</th>`);
    else {
      if (columns[k - 1]?.group !== c.group) top.push(`<th class="group" colspan="${columns.filter((x) => x.group === c.group).length}">${escapeHtml(c.group)}</th>`);
      sub.push(`<th class="num">${escapeHtml(c.head)}</th>`);
    }
  });
  const head = `<thead><tr>${top.join('')}</tr>${sub.length > 0 ? `<tr>${sub.join('')}</tr>` : ''}</thead>`;
  const body = rows.map((r, i) => `<tr${i === rows.length - 1 ? ' class="total"' : ''}>${r.map((cell, k) => `<td${k > 0 ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table class="waterfall"><caption>${escapeHtml(caption)}</caption>${head}<tbody>${body}</tbody></table>`;
}

/** The waterfall's terms (from the deal) beside what they did in this evaluation: one row a step. */
function listWaterfallTerms(deal: Deal, e: WireEvaluation): string[][] {
  const s = deal.waterfall;
  const w = e.waterfall;
  const peak = (values: readonly string[]) => values.reduce((m, v) => (Number(v) > Number(m) ? v : m), '0.00');
  const nameOf = (id: string) => deal.funding.sources.find((x) => x.id === id)?.name ?? id;
  const rows: string[][] = [];
  const dsraAtClose = sumYuan(w.dsra.equityAtClose);
  rows.push(['偿债准备金 DSRA', s.dsra.months === 0 ? '不设 none' : `下一年还本付息的 ${s.dsra.months} 个月，${s.dsra.funding === 'at-close' ? '建设期末由股东注资 funded by the investors at close' : '由经营现金计提 built from cash'}；最后还本年释放 released at final maturity`,
    s.dsra.months === 0 ? '—' : `最高余额 peak ${wanInText(peak(w.dsra.closing))} 万元${Number(dsraAtClose) !== 0 ? `；建设期末股东注资 paid in at close ${wanInText(dsraAtClose)} 万元` : ''}；动用年份 drawn in ${listYears(w.dsraDrawYears)}`]);
  rows.push(['大修准备金 MMRA', s.mmra.buildUpYears === 0 ? '不设 none' : `每次维持运营投资前 ${s.mmra.buildUpYears} 年等额计提 set aside over the ${s.mmra.buildUpYears} years before each event`,
    s.mmra.buildUpYears === 0 ? '—' : `最高余额 peak ${wanInText(peak(w.mmra.closing))} 万元；释放合计 released ${wanInText(sumYuan(w.mmra.release))} 万元`]);
  rows.push(['分配锁定 Lock-up', s.lockUp.minDscr === undefined ? '不设 none' : `${s.lockUp.basis === 'year' ? '当年' : `近 ${s.lockUp.trailingYears} 年平均`}偿债备付率低于 ${s.lockUp.minDscr} 时不分配 no distribution while the ${s.lockUp.basis === 'year' ? 'year\'s' : 'trailing'} DSCR is below ${s.lockUp.minDscr}`,
    `锁定年份 locked up ${listYears(w.lockUpYears)}；应分未分年份 distribution blocked ${listYears(w.blockedYears)}`]);
  // One row a sweep, in the order they are applied (methodology §11.11), each with what its loan took.
  const sweptBy = (id: string) => w.sweep?.loans.find((l) => l.sourceId === id)?.prepayment ?? [];
  (s.cashSweep ?? []).forEach((sweep) => {
    rows.push(['现金流量扫款 Cash sweep', `当年留存现金的 ${rate(sweep.share)} 提前偿还 ${nameOf(sweep.sourceId)}，${sweep.mode === 'shorten' ? '缩短期限 shortening it' : '剩余期限重新摊还 re-amortising it'}`,
      `提前还本合计 prepaid ${wanInText(sumYuan(sweptBy(sweep.sourceId)))} 万元`]);
  });
  if (!s.cashSweep) rows.push(['现金流量扫款 Cash sweep', '不设 none', '—']);
  const shareholders = w.returns.shareholders.map((h) => `${h.investor} ${rate(h.irr)}`).join('、');
  rows.push(['应付利润 Distributions', s.distributions.enabled ? `可供分配利润及现金范围内分配 ${rate(s.distributions.payoutRatio)} paid within 可供分配利润 and cash` : '不分配，现金留存 none: cash retained',
    `合计 ${wanInText(sumYuan(w.distributions))} 万元；股东分配口径 IRR on distributions ${rate(w.returns.irr)}（资本金现金流口径 free-cash equity IRR ${rate(e.metrics.equityIrr)}）${shareholders ? `；各股东 ${shareholders}` : ''}`]);
  rows.push(['临时借款 Short-term borrowing', s.shortTermBorrowing.enabled ? `累计盈余不足时借入，年利率 ${rate(s.shortTermBorrowing.rate)}，以后年度现金优先偿还 drawn when cash is short, repaid first` : '不借入 none',
    `借入合计 drawn ${wanInText(sumYuan(w.shortTerm.drawn))} 万元，偿还 repaid ${wanInText(sumYuan(w.shortTerm.repaid))} 万元，利息 interest ${wanInText(sumYuan(w.shortTerm.interest))} 万元；财务生存能力未满足年份 survival fails in ${listYears(w.survivalFailures)}`]);
  return rows;
}
