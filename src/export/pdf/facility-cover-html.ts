import type { Deal } from '../../deal/deal-schema.js';
import { isDebtSource } from '../../deal/funding-schema.js';
import { resolveFacilityCovenant } from '../../engine/facility-covenants.js';
import type { WireEvaluation } from '../../engine/to-wire.js';
import { describeBulletReading } from '../describe-bullet.js';
import { listYears, paragraph, ratio, table } from './html-parts.js';

const KIND: Record<string, string> = { 'bank-loan': '银行贷款 loan', 'special-bond': '专项债券 bond' };

/**
 * 各融资偿债覆盖 Cover per facility (methodology §11.9): for each loan and bond in its order of service,
 * its own minimum DSCR (and year), average DSCR, LLCR and PLCR (at its own rate, tested at the start of
 * the year shown), the floors it is held to (its own covenants, else for a loan the deal's) and the years
 * it breaches them as the engine flags them (FACILITY_DSCR_BELOW_MINIMUM, FACILITY_LLCR_BELOW_MINIMUM);
 * then the project-level figures, pooled over all debt, on a row labelled as such; below the table, for
 * each bond with bullet batches, its bullet reading (methodology §10.13). Pure.
 */
export function buildFacilityCoverHtml(deal: Deal, e: WireEvaluation): string {
  const facilities = [...(e.debt.facilities ?? [])].sort((a, b) => a.rank - b.rank);
  if (facilities.length === 0) return paragraph('无债务融资 No loan or bond.');
  const breaches = readBreaches(deal, e);
  const rows = facilities.map((f) => {
    const source = deal.funding.sources.find((s) => s.id === f.sourceId);
    const covenant = source && isDebtSource(source) ? resolveFacilityCovenant(deal, source) : { minDscr: null, minLlcr: null };
    const flagged = breaches.get(f.sourceId) ?? { dscr: [], llcr: [] };
    return [
      `${f.name}（${KIND[f.kind] ?? f.kind}）`, String(f.rank),
      `${ratio(f.minDscr)}${f.minDscrYear === null ? '' : `（${f.minDscrYear}）`}`, ratio(f.avgDscr),
      `${ratio(f.llcr)}${f.llcrYear === null ? '' : `（${f.llcrYear}）`}`, ratio(f.plcr),
      covenant.minDscr === null ? '—' : ratio(covenant.minDscr), covenant.minLlcr === null ? '—' : ratio(covenant.minLlcr),
      describeBreaches(flagged, covenant.minDscr !== null || covenant.minLlcr !== null),
    ];
  });
  const m = e.metrics;
  const projectBreaches = e.warnings.filter((w) => w.code === 'DSCR_BELOW_MINIMUM').flatMap((w) => w.years ?? []);
  rows.push([
    '项目整体（全部债务合并） Project level, all debt pooled', '—',
    `${ratio(m.minDscr)}${minimumYear(e) === null ? '' : `（${minimumYear(e)}）`}`, ratio(m.avgDscr), ratio(m.llcr), '—',
    ratio(deal.covenants.minDscr), '—', describeBreaches({ dscr: projectBreaches, llcr: [] }, true),
  ]);
  return `${table(
    ['融资 Facility', '顺序 Rank', '最低 DSCR（年份） Min DSCR (year)', '平均 DSCR Average', 'LLCR（测试年初） LLCR (test year)', 'PLCR', 'DSCR 下限 Floor', 'LLCR 下限 Floor', '未满足年份 Breaches'],
    rows, [1, 2, 3, 4, 5, 6, 7], '各融资按偿付顺序取用 CFADS：DSCR = 本融资可用资金 / 本融资当年还本付息；LLCR、PLCR 按本融资利率折现至其最后还本年、运营期末 (methodology §11.9)。项目整体行为全部债务合并口径（LLCR 按余额加权利率，运营期初）。下限为本融资约定，未约定的贷款适用交易的 covenants。',
    'cover', [rows.length - 1],
  )}${listBulletReadings(e)}`;
}

/** Each bond's bullet years beside its own DSCR (methodology §10.13): a line in Chinese, the English beside in the note style. */
function listBulletReadings(e: WireEvaluation): string {
  return e.bonds.map((b) => {
    const text = describeBulletReading(b.bullet);
    return text ? `${paragraph(`${b.name} 到期一次还本年 ${listYears(b.bullet!.bulletYears)}：${text.zh}`)}${paragraph(text.en, true)}` : '';
  }).join('');
}

interface Breach { dscr: number[]; llcr: number[] }

/** The engine's per-facility covenant warnings, by source id (the warning's path is funding.sources[k]). */
function readBreaches(deal: Deal, e: WireEvaluation): Map<string, Breach> {
  const found = new Map<string, Breach>();
  for (const w of e.warnings) {
    if (w.code !== 'FACILITY_DSCR_BELOW_MINIMUM' && w.code !== 'FACILITY_LLCR_BELOW_MINIMUM') continue;
    const k = /^funding\.sources\[(\d+)\]/.exec(w.path ?? '');
    const id = k ? deal.funding.sources[Number(k[1])]?.id : undefined;
    if (id === undefined) continue;
    const b = found.get(id) ?? { dscr: [], llcr: [] };
    (w.code === 'FACILITY_DSCR_BELOW_MINIMUM' ? b.dscr : b.llcr).push(...(w.years ?? []));
    found.set(id, b);
  }
  return found;
}

function describeBreaches(b: Breach, tested: boolean): string {
  if (!tested) return '未约定 no covenant';
  if (b.dscr.length === 0 && b.llcr.length === 0) return '无 none';
  return [b.dscr.length > 0 ? `DSCR：${listYears(b.dscr)}` : '', b.llcr.length > 0 ? `LLCR：${listYears(b.llcr)} 年初测试` : ''].filter(Boolean).join('；');
}

/** The calendar year of the lowest pooled DSCR (the first, if several are equal). */
function minimumYear(e: WireEvaluation): number | null {
  let at = -1;
  e.debt.dscr.forEach((v, t) => {
    if (v !== null && (at < 0 || Number(v) < Number(e.debt.dscr[at]!))) at = t;
  });
  return at < 0 ? null : e.years[at]!.calendarYear;
}
