import type { Deal } from './deal-schema.js';
import { isDebtSource } from './funding-schema.js';
import type { Problem } from './problem.js';
import { D } from '../finance/decimal.js';

/**
 * Cross-field checks of the waterfall (methodology §11.9, §11.11): the facility order names each loan or bond
 * of funding.sources at most once; each cash sweep names a bank loan of funding.sources
 * that is not sculpted and no other sweep names, and the sweeps' shares add up to at most 1.
 */
export function validateWaterfall(waterfall: Deal['waterfall'], funding: Deal['funding']): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const sources = new Map(funding.sources.map((s) => [s.id, s]));
  const seen = new Set<string>();
  (waterfall.facilityOrder ?? []).forEach((id, i) => {
    const path = `waterfall.facilityOrder[${i}]`;
    const source = sources.get(id);
    if (!source) add('UNKNOWN_REFERENCE', path, `no funding source has id "${id}"`);
    else if (!isDebtSource(source)) add('WRONG_SOURCE_KIND', path, `source "${id}" is ${source.kind}; the facility order lists bank loans and special bonds`);
    else if (seen.has(id)) add('DUPLICATE_ID', path, `facility "${id}" is listed more than once`);
    seen.add(id);
  });
  const swept = new Set<string>();
  let shares = new D(0);
  (waterfall.cashSweep ?? []).forEach((sweep, i) => {
    const path = `waterfall.cashSweep[${i}].sourceId`;
    const source = sources.get(sweep.sourceId);
    shares = shares.plus(sweep.share);
    if (!source) add('UNKNOWN_REFERENCE', path, `no funding source has id "${sweep.sourceId}"`);
    else if (source.kind !== 'bank-loan') add('WRONG_SOURCE_KIND', path, `source "${sweep.sourceId}" is ${source.kind}; a cash sweep prepays a bank loan (a special bond is repaid on its own schedule)`);
    // A sculpted loan's service is sized to CFADS (methodology §6): prepaying it would change the size it was given.
    else if (source.repayment.kind === 'sculpted') add('SWEEP_OF_SCULPTED_LOAN', path, `loan "${sweep.sourceId}" is sculpted to CFADS; a cash sweep prepays a loan with a fixed repayment profile (annuity, equal-principal, custom or bullet)`);
    else if (swept.has(sweep.sourceId)) add('DUPLICATE_ID', path, `loan "${sweep.sourceId}" is swept more than once; give it one sweep with the whole share`);
    swept.add(sweep.sourceId);
  });
  // Each share is of the same cash (methodology §11.11): together they may sweep all of it, not more.
  if (shares.gt(1)) add('SHARES_EXCEED_ONE', 'waterfall.cashSweep', `the sweeps' shares add up to ${shares.toString()}; together they may take at most all (1) of the year's cash left`);
  return problems;
}
