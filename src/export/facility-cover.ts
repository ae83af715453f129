import type { Evaluation } from '../engine/evaluate-deal.js';
import type { D } from '../finance/decimal.js';
import type { FormatName } from './cell-styles.js';

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
  /** The calendar years the measure is below the facility's own covenant ("2031, 2032"), "—" for none, or that no covenant is set. */
  breachYears: string;
}

/** Breach years as the cover prints them: "2031, 2032"; "—" when the covenant is met every year; a note when there is none. */
export function describeBreachYears(threshold: string | null, years: readonly number[]): string {
  if (threshold === null) return NO_COVENANT;
  return years.length === 0 ? '—' : years.join(', ');
}

const NO_COVENANT = '无约定 no covenant';

const BASIS = '本融资口径，分配顺序后 this facility after the waterfall (methodology §11)';

/**
 * The cover's rows for each loan and bond, in the deal's order: its own DSCR after the order of service
 * (with the year of the minimum), LLCR and PLCR at its own rate, as the evaluation's `debt.facilities`
 * carries them, and the years each is below the facility's own covenant (its `covenant` test: DSCR
 * years, the LLCR's test year; no PLCR covenant exists) (methodology §11.9).
 */
export function listFacilityCoverRows(e: Evaluation): FacilityCoverRow[] {
  return e.financing.debts.flatMap((d) => {
    const own = e.debt.facilities.find((f) => f.sourceId === d.source.id);
    if (own === undefined) throw new Error(`the evaluation has no cover for facility ${d.source.id}`);
    const facility = d.source.name;
    const { covenant } = own;
    return [
      { facility, zh: '最低偿债备付率', en: 'Minimum DSCR', value: own.minDscr, format: 'ratio', year: own.minDscrYear, basis: BASIS, breachYears: describeBreachYears(covenant.minDscr, covenant.dscrBreachYears) },
      { facility, zh: '贷款期偿债覆盖率', en: 'LLCR (to its last maturity, at its rate)', value: own.llcr, format: 'ratio', year: null, basis: BASIS, breachYears: describeBreachYears(covenant.minLlcr, covenant.llcrBreachYears) },
      { facility, zh: '项目期偿债覆盖率', en: 'PLCR (to the end of operation)', value: own.plcr, format: 'ratio', year: null, basis: BASIS, breachYears: NO_COVENANT },
    ];
  });
}
