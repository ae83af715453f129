import { sumMoney } from './decimal-text.js';

/** The sweep's settings as the lender reads them: the named loan, the share of cash swept, the mode. */
export interface SweepSettings { sourceId: string; loanName: string; share: string; mode: 'shorten' | 'reamortise'; swept: string }

/**
 * The cash sweep of methodology §11.11 as a table by year: the cash offered to the sweep, the
 * prepayment it made, the swept loan's balance at year end (the debt schedule's `<loan>.closing`, after
 * the prepayment: the evaluation gives no balance without the sweep, so none is shown), and the years
 * locked up (nothing distributed). Null for an evaluation without a sweep.
 */
export function buildSweepStatement(result: any, lockedWord = '锁定'): { settings: SweepSettings; statement: any } | null {
  const sweep = result.waterfall?.sweep;
  if (!sweep) return null;
  const loan = (result.debt?.facilities ?? []).find((f: any) => f.id === sweep.sourceId);
  const closing = result.statements?.debtService?.rows?.find((r: any) => r.key === `${sweep.sourceId}.closing`);
  const locked = new Set<number>(result.waterfall.lockUpYears ?? []);
  const years: number[] = result.years.map((y: any) => y.calendarYear ?? y);
  const swept = sumMoney(sweep.prepayment);
  const rows = [
    { key: 'sweep.available', no: '', zh: '可用于扫款的当年现金', en: 'Cash of the year offered to the sweep', values: sweep.available, total: sumMoney(sweep.available) },
    { key: 'sweep.prepayment', no: '', zh: '扫款提前还本', en: 'Swept prepayment', values: sweep.prepayment, total: swept },
    ...(closing ? [{ key: 'sweep.balance', no: '', zh: '该笔贷款年末余额（扫款后）', en: 'The loan\'s balance at year end (after the sweep)', values: closing.values, total: undefined }] : []),
    { key: 'sweep.lockedUp', no: '', zh: '锁定（不分配）', en: 'Locked up (no distribution)', unit: 'text', values: years.map((y) => (locked.has(y) ? lockedWord : '')), total: undefined },
  ];
  return {
    settings: { sourceId: sweep.sourceId, loanName: loan?.name ?? sweep.sourceId, share: sweep.share, mode: sweep.mode, swept },
    statement: { key: 'sweep', zh: '现金流量扫款（万元）', en: 'Cash sweep (10k CNY)', rows },
  };
}
