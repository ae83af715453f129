import type { Deal } from '../../deal/deal-schema.js';
import { isDebtSource } from '../../deal/funding-schema.js';
import type { WireEvaluation } from '../../engine/to-wire.js';
import { isBelowFloor } from '../../engine/covenant-rule.js';
import { D } from '../../finance/decimal.js';
import { describeWarning } from '../describe-warning.js';
import { describePricing, describeRepayment, describeTenor } from '../facility-terms.js';
import { buildBalanceSheetHtml } from './balance-sheet-html.js';
import { buildFacilityCoverHtml } from './facility-cover-html.js';
import { escapeHtml, rate, ratio, section, table, wan, years } from './html-parts.js';
import { buildWaterfallHtml } from './waterfall-html.js';

export { escapeHtml, wan } from './html-parts.js';

/**
 * The printable term sheet (issue 18): the cover and the key tables — indicators, investment and
 * funding, facilities (balance = drawn + capitalised interest), covenants against the projection, a
 * the lender's case (cover per facility, the cash waterfall, the balance sheet: methodology §11), a
 * summary of each statement, who pays, and the open points — as one HTML document with @page rules
 * for A4, printed to PDF by headless Chromium (print-pdf.ts). Built from the evaluation as the API
 * serialises it (decimals as strings), so the server makes it from its worker pool's answer. Pure.
 */
export function buildTermSheetHtml(deal: Deal, e: WireEvaluation): string {
  const m = e.metrics;
  const body = [
    `<header><h1>条款摘要 Term sheet</h1><p class="deal">${escapeHtml(deal.name)}</p>${deal.nameEn ? `<p class="deal-en">${escapeHtml(deal.nameEn)}</p>` : ''}`,
    `<p class="note">指示性条款，仅供讨论，不构成要约或授信承诺。Indicative terms for discussion; not an offer or a credit commitment. 测算基准日 as of ${e.asOf} · 引擎 engine ${escapeHtml(e.engineVersion)} · 金额单位：万元 amounts in 万元</p></header>`,
    section('一、关键指标 Key indicators', table(['指标 Indicator', '数值 Value'], [
      ['项目投资财务内部收益率（税后） Project FIRR after tax', rate(m.projectIrrAfterTax)],
      ['项目投资财务内部收益率（税前） Project FIRR before tax', rate(m.projectIrrPreTax)],
      [`项目投资财务净现值（税后，i=${rate(m.discountRate)}） Project FNPV after tax（万元）`, wan(m.projectNpvAfterTax)],
      ['静态投资回收期（年） Static payback (years)', years(m.paybackStaticYears)],
      ['动态投资回收期（年） Dynamic payback (years)', years(m.paybackDynamicYears)],
      ['项目资本金内部收益率 Equity IRR', rate(m.equityIrr)],
      ['最低偿债备付率（项目整体，全部债务合并） Minimum DSCR, project level', ratio(m.minDscr)],
      ['贷款期偿债覆盖率（项目整体，全部债务合并） LLCR, project level', ratio(m.llcr)],
      ['最高资产负债率 Maximum debt to assets', rate(m.maxDebtToAssetRatio)],
      ['专项债券本息覆盖倍数（净） Bond coverage, net', ratio(m.bondCoverageNet)],
      ['项目资本金比例 Equity ratio', rate(m.equityRatio)],
    ], [1])),
    section('二、总投资及资金筹措 Investment and funding（万元）', table(['项目 Item', '金额 Amount', '说明 Note'], [
      ['总投资 Total investment', wan(m.totalInvestment), '建设投资 + 建设期利息 + 流动资金'],
      ['其中：建设投资 Construction investment', wan(m.constructionInvestment), '含增值税 VAT-inclusive'],
      ['建设期利息 Construction interest', wan(m.constructionInterest), ''],
      ...e.contributions.bySource.map((s) => {
        const facility = e.debt.facilities.find((f) => f.id === s.sourceId);
        const interest = facility ? Number(facility.capitalisedInterest) : 0;
        return [`资金来源：${s.name}`, wan(s.nominal), `占建设投资 ${rate(s.share)}${interest !== 0 ? `；另有资本化利息 ${wan(facility!.capitalisedInterest)} 万元（见融资安排 see facilities）` : ''}`];
      }),
    ], [1])),
    section('三、融资安排 Facilities（万元）', e.debt.facilities.length === 0 ? '<p>无债务融资 No loan or bond.</p>' : table(['融资 Facility', '提款 Drawn', '资本化利息 Capitalised interest', '余额 Balance', '期限 Tenor', '定价 Pricing', '还款方式 Repayment'],
      e.debt.facilities.map((f) => {
        const source = deal.funding.sources.find((s) => s.id === f.id);
        const debt = source && isDebtSource(source) ? source : null;
        return [f.name, wan(f.drawn), wan(f.capitalisedInterest), wan(String(Number(f.drawn) + Number(f.capitalisedInterest))),
          debt ? describeTenor(debt, deal.timeline.startYear) : '', debt ? describePricing(debt) : '', debt ? describeRepayment(debt) : ''];
      }), [1, 2, 3], '余额 = 提款 + 资本化利息 balance = drawn + capitalised interest')),
    section('四、财务约定 Covenants', table(['约定 Covenant', '阈值 Threshold', '测算值 Projected', '状态 Status'], listCovenants(deal, e), [1, 2])),
    section('五、各融资偿债覆盖 Cover per facility', buildFacilityCoverHtml(deal, e)),
    section('六、现金流分配 Cash waterfall（万元）', buildWaterfallHtml(deal, e)),
    section('七、资产负债表 Balance sheet（万元）', buildBalanceSheetHtml(e)),
    section('八、出资分担 Who pays（万元）', table(['出资方 Party', '名义 Nominal', '现值 PV', '占比 Share'],
      e.contributions.byParty.map((p) => [PARTY_LABEL[p.party] ?? p.party, wan(p.nominal), wan(p.pv), rate(p.share)]), [1, 2, 3])),
    section('九、投资人 Shareholders（万元）', e.debt.investors.length === 0 ? '<p>无 None</p>' : table(['投资人 Investor', '出资 Contributed', '收益分配 Profit share', 'IRR'],
      e.debt.investors.map((i) => [i.investor, wan(i.contributed), rate(i.profitShare), rate(i.irr)]), [1, 2, 3], '出资含其分摊的流动资金及建设期利息 contributions include each one\'s share of working capital and construction interest paid by equity')),
    // The balance sheet has its own section (七) above.
    ...Object.values(e.statements).filter((s) => s.key !== 'balanceSheet').map((s) => section(`${s.zh} ${s.en}（万元）`, summariseStatement(s, e.years))),
    section('十、先决条件及待定事项 Conditions and open points', `<ol class="points">${[
      '实施主体及授权文件待确认 confirm the implementing body and its mandate',
      ...(e.debt.facilities.length > 0 ? ['融资条件以贷款人授信审批及债券发行批复为准 facilities subject to credit approval and bond issuance approval'] : []),
      ...e.warnings.map((w) => { const d = describeWarning(w); return `${d.concerns ? `【${d.concerns}】` : ''}${d.sentence}`; }),
    ].map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ol>`),
  ].join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(`条款摘要 Term sheet — ${deal.name}`)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const PARTY_LABEL: Record<string, string> = {
  government: '政府 Government', residents: '居民 Residents', investor: '投资人 Investor', lenders: '贷款人 Lenders', utilities: '管线单位 Utilities', others: '其他 Others',
  'property-rights-units': '产权单位 Property-rights units', donors: '捐赠 Donors', utility: '管线单位 Utilities', lender: '贷款人 Lenders',
  'property-rights-unit': '产权单位 Property-rights units', donor: '捐赠 Donors',
};

/** A4 portrait, 15 mm margins; Chinese in Noto Sans CJK (Debian's fonts-noto-cjk), embedded by Chromium. */
const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK", sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 12pt 0 4pt; border-bottom: 1px solid #1f4e79; color: #1f4e79; break-after: avoid; }
.deal { font-size: 12pt; font-weight: bold; margin: 0; } .deal-en { margin: 0; } .note { color: #555; font-style: italic; }
table { border-collapse: collapse; width: 100%; break-inside: auto; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
th { background: #ddebf7; text-align: left; font-weight: bold; }
th, td { border: 0.5pt solid #bbb; padding: 2pt 4pt; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { white-space: normal; }
caption { caption-side: bottom; text-align: left; color: #555; font-size: 8pt; padding-top: 2pt; }
.statement td, .statement th { font-size: 8pt; }
.statement { table-layout: fixed; }
.statement th:first-child { width: 4.8em; white-space: nowrap; }
.statement th:nth-child(2) { width: 25%; }
ol.points li { margin-bottom: 3pt; }
table + table, table + p { margin-top: 6pt; }
tr.total td { font-weight: bold; border-top: 1pt solid #1f4e79; }
.terms td, .terms th { font-size: 8pt; }
.terms td:first-child { width: 8em; }
.terms td:nth-child(2) { width: 42%; }
.cover td, .cover th { font-size: 8pt; }
.cover td:first-child { width: 24%; }
.cover td:last-child { white-space: normal; }
.waterfall td, .waterfall th { font-size: 7.5pt; padding: 1.5pt 3pt; }
.waterfall { table-layout: fixed; }
.waterfall th:first-child { width: 5.2em; }
.waterfall td:first-child { white-space: nowrap; }
.waterfall th.group { text-align: center; }
.balance th:nth-child(2) { width: 30%; }
`;

/** Columns a statement summary shows: its total and up to seven years spread over the timeline, first and last included (A4 portrait at 8 pt). */
const SUMMARY_YEARS = 7;

function summariseStatement(s: WireEvaluation['statements'][keyof WireEvaluation['statements']], timeline: WireEvaluation['years']): string {
  const T = timeline.length;
  const picks = [...new Set(Array.from({ length: Math.min(SUMMARY_YEARS, T) }, (_, i) => Math.round((i * (T - 1)) / Math.max(1, Math.min(SUMMARY_YEARS, T) - 1))))];
  // Top-level rows (1, 2, …); a table numbered only below that (the debt schedule: 1.1 … per facility) shows its second level.
  const topLevel = s.rows.filter((r) => /^\d+$/.test(r.no));
  const rows = topLevel.length > 0 ? topLevel : s.rows.filter((r) => /^\d+\.\d+$/.test(r.no));
  return table(
    ['序号 No.', '项目 Item', '合计 Total', ...picks.map((i) => String(timeline[i]!.calendarYear))],
    // A row of ratios (资产负债率) reads as a rate, not in 万元.
    rows.map((r) => [r.no, `${r.zh} ${r.en}`, r.total === null ? '' : wan(r.total), ...picks.map((i) => ('unit' in r && r.unit === 'ratio' ? ratio(r.values[i]!) : wan(r.values[i]!)))]),
    [2, ...picks.map((_, k) => 3 + k)],
    `摘要：${topLevel.length > 0 ? '一级科目' : '二级科目'}，合计及所选年份；全部年份见工作簿 summary: ${topLevel.length > 0 ? 'top-level' : 'second-level'} rows, the total and selected years; every year in the workbook`,
    'statement',
  );
}

function listCovenants(deal: Deal, e: WireEvaluation): string[][] {
  const c = deal.covenants;
  const m = e.metrics;
  const floor = (zh: string, threshold: string, value: string | null, show: (v: string | null) => string) =>
    [zh, show(threshold), show(value), value === null ? '不适用 n/a' : isBelowFloor(new D(value), threshold) ? '未满足 breached' : '满足 met'];
  const rows: string[][] = [];
  if (e.debt.facilities.length > 0) {
    rows.push(floor('最低偿债备付率（项目整体） DSCR ≥ Minimum DSCR, project level', c.minDscr, m.minDscr, ratio));
    rows.push(floor('最低利息备付率 ICR ≥ Minimum ICR', c.minIcr, m.minIcr, ratio));
  }
  if (e.debt.facilities.some((f) => f.kind === 'special-bond')) rows.push(floor('专项债券本息覆盖倍数（净） ≥ Bond coverage, net', c.bondCoverage, m.bondCoverageNet, ratio));
  rows.push(floor('项目资本金比例 ≥ Minimum equity ratio', c.minEquityRatio, m.equityRatio, rate));
  return rows;
}
