import type { Evaluation } from '../engine/evaluate-deal.js';
import type { D } from '../finance/decimal.js';
import type { FormatName } from './cell-styles.js';

/**
 * One facility's own cover after the waterfall (methodology §11): DSCR = CFADS available to it / its
 * service, LLCR and PLCR at its own rate. The evaluation carries these as `debt.facilities` once the
 * engine computes them; until then the cover shows what the engine has per facility.
 */
export interface FacilityCover {
  sourceId: string;
  minDscr: D | null;
  minDscrYear?: number | null;
  llcr: D | null;
  plcr: D | null;
}

/** One row of the cover's 各融资偿债覆盖 table: a facility, a measure, its value and the year it falls in. */
export interface FacilityCoverRow {
  facility: string;
  zh: string;
  en: string;
  value: D | null;
  format: FormatName;
  /** The calendar year of a minimum; null for a measure over the whole life. */
  year: number | null;
  basis: string;
  /** The Checks sheet's key of the value, when the sheet recomputes it live. */
  checkKey?: string;
}

/** The per-facility cover the evaluation carries (`debt.facilities`), or undefined when it carries none. */
export function readFacilityCover(e: Evaluation): readonly FacilityCover[] | undefined {
  // Typed apart from DebtMetrics so this reads the field whether or not the engine in this build has it.
  const facilities = (e.debt as unknown as { facilities?: unknown }).facilities;
  return Array.isArray(facilities) ? (facilities as FacilityCover[]) : undefined;
}

/**
 * The cover's rows for each loan and bond: its own DSCR (with the year of the minimum), LLCR and PLCR
 * when the evaluation has them (methodology §11); otherwise a bond's own 自求平衡 coverage
 * (methodology §10) and, for a loan, the project-level DSCR and LLCR, labelled as covering all debt.
 */
export function listFacilityCoverRows(e: Evaluation): FacilityCoverRow[] {
  const facilities = readFacilityCover(e);
  const rows: FacilityCoverRow[] = [];
  for (const d of e.financing.debts) {
    const id = d.source.id;
    const name = d.source.name;
    const own = facilities?.find((f) => f.sourceId === id);
    if (own) {
      const basis = '本融资口径，分配顺序后 this facility after the waterfall (methodology §11)';
      rows.push(
        { facility: name, zh: '最低偿债备付率', en: 'Minimum DSCR', value: own.minDscr, format: 'ratio', year: own.minDscrYear ?? null, basis },
        { facility: name, zh: '贷款期偿债覆盖率', en: 'LLCR (to its last maturity, at its rate)', value: own.llcr, format: 'ratio', year: null, basis },
        { facility: name, zh: '项目期偿债覆盖率', en: 'PLCR (to the end of operation)', value: own.plcr, format: 'ratio', year: null, basis },
      );
      continue;
    }
    const bond = e.bonds.find((b) => b.id === id);
    if (bond) {
      const basis = `本债券口径：${bond.earmarked ? '专项收入' : '全部偿债收入'}，存续期合计 this bond over its life (methodology §10)`;
      rows.push(
        { facility: name, zh: '本息覆盖倍数（净收益）', en: 'Coverage, net income / service', value: bond.coverageNet, format: 'ratio', year: null, basis, checkKey: `bondCoverageNet.${id}` },
        { facility: name, zh: '本息覆盖倍数（收入）', en: 'Coverage, revenue / service', value: bond.coverageGross, format: 'ratio', year: null, basis, checkKey: `bondCoverageGross.${id}` },
      );
      continue;
    }
    const basis = '项目整体口径：全部债务合并 project level, all debt together (per-facility cover not in this evaluation)';
    rows.push(
      { facility: name, zh: '最低偿债备付率（项目）', en: 'Minimum DSCR (project)', value: e.metrics.minDscr, format: 'ratio', year: findMinimumYear(e), basis, checkKey: 'minDscr' },
      { facility: name, zh: '贷款期偿债覆盖率（项目，运营期初）', en: 'LLCR (project, at the start of operation)', value: e.metrics.llcr, format: 'ratio', year: null, basis, checkKey: 'llcr' },
    );
  }
  return rows;
}

/** The calendar year of the lowest project DSCR (the first, if several are equal). */
function findMinimumYear(e: Evaluation): number | null {
  let year: number | null = null;
  let min: D | null = null;
  e.debt.dscr.forEach((v, t) => {
    if (v !== null && (min === null || v.lt(min))) {
      min = v;
      year = e.years[t]!.calendarYear;
    }
  });
  return year;
}
