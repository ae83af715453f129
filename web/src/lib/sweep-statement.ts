import { sumMoney } from './decimal-text.js';

/** One sweep as the lender reads it: the loan it prepays, the share of cash swept, the mode, what it took. */
export interface SweptLoanSettings { sourceId: string; loanName: string; share: string; mode: 'shorten' | 'reamortise'; swept: string }

/** The sweeps' settings, in the order they are applied, and what they swept in all. */
export interface SweepSettings { loans: SweptLoanSettings[]; swept: string }

/**
 * The cash sweeps of methodology §11.11 as a table by year: the cash offered to the sweeps, and for
 * each swept loan in the order given its prepayment and its balance at year end (the debt schedule's
 * `<loan>.closing`, after the prepayment: the evaluation gives no balance without the sweep, so none is
 * shown), with several loans the total prepaid, and the years locked up (nothing distributed). Null
 * for an evaluation without a sweep.
 */
export function buildSweepStatement(result: any, lockedWord = '锁定'): { settings: SweepSettings; statement: any } | null {
  const sweep = result.waterfall?.sweep;
  if (!sweep) return null;
  const facilities: any[] = result.debt?.facilities ?? [];
  const debtRows: any[] = result.statements?.debtService?.rows ?? [];
  const locked = new Set<number>(result.waterfall.lockUpYears ?? []);
  const years: number[] = result.years.map((y: any) => y.calendarYear ?? y);
  const loans: SweptLoanSettings[] = (sweep.loans ?? []).map((l: any) => ({
    sourceId: l.sourceId, loanName: facilities.find((f) => f.id === l.sourceId)?.name ?? l.sourceId, share: l.share, mode: l.mode, swept: sumMoney(l.prepayment),
  }));
  const several = loans.length > 1;
  const loanRows = (sweep.loans ?? []).flatMap((l: any, k: number) => {
    const name = loans[k]!.loanName;
    const closing = debtRows.find((r) => r.key === `${l.sourceId}.closing`);
    return [
      { key: `sweep.${l.sourceId}.prepayment`, no: '', zh: `扫款提前还本：${name}`, en: `Swept prepayment: ${name}`, values: l.prepayment, total: loans[k]!.swept },
      ...(closing ? [{ key: `sweep.${l.sourceId}.balance`, no: '', zh: `${name}年末余额（扫款后）`, en: `${name}: balance at year end (after the sweep)`, values: closing.values, total: undefined }] : []),
    ];
  });
  const swept = sumMoney(sweep.prepayment);
  const rows = [
    { key: 'sweep.available', no: '', zh: '可用于扫款的当年现金', en: 'Cash of the year offered to the sweep', values: sweep.available, total: sumMoney(sweep.available) },
    ...loanRows,
    ...(several ? [{ key: 'sweep.prepayment', no: '', zh: '扫款提前还本合计', en: 'Swept prepayments, total', values: sweep.prepayment, total: swept }] : []),
    { key: 'sweep.lockedUp', no: '', zh: '锁定（不分配）', en: 'Locked up (no distribution)', unit: 'text', values: years.map((y) => (locked.has(y) ? lockedWord : '')), total: undefined },
  ];
  return {
    settings: { loans, swept },
    statement: { key: 'sweep', zh: '现金流量扫款（万元）', en: 'Cash sweep (10k CNY)', rows },
  };
}
