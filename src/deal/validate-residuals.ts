import { D } from '../finance/decimal.js';
import { CAPEX_KIND_DEFAULT_LIFE, isInputVatDeductible, type CapexItem } from './capex-schema.js';
import type { Deal } from './deal-schema.js';
import type { Problem } from './problem.js';

/**
 * Residual values are per asset (methodology §9): an item's own residual belongs to an investor-owned
 * item and is at most its VAT-exclusive cost; a deal-level residual needs an investor-owned asset
 * without its own residual that is still in service at hand-back (life ≥ operating years) to carry it.
 */
export function validateResiduals(
  capex: CapexItem[],
  handBack: Deal['handBack'] | undefined,
  operatingYears: number | undefined,
  lastConstructionYear?: number,
): Problem[] {
  const problems: Problem[] = [];
  capex.forEach((item, i) => {
    if (item.residualValue === undefined) return;
    const path = `capex[${i}].residualValue`;
    if (item.owner !== 'investor') {
      problems.push({ code: 'NOT_APPLICABLE', path, message: `only an investor-owned asset has a residual value at hand-back; this item is owned by the ${item.owner}` });
      return;
    }
    const amount = new D(item.amount);
    const base = isInputVatDeductible(item) ? amount.div(new D(item.inputVatRate).plus(1)) : amount;
    if (new D(item.residualValue).gt(base)) problems.push({ code: 'OUT_OF_RANGE', path, message: `exceeds the item's VAT-exclusive cost (${base.toFixed(2)} 元)` });
  });
  if (handBack === undefined || operatingYears === undefined || new D(handBack.residualValue).isZero()) return problems;
  const carriers = capex.filter(
    // A work opened during construction is in service for its construction years left too (methodology §10.11).
    (c) => c.owner === 'investor' && c.residualValue === undefined &&
      (c.depreciationYears ?? CAPEX_KIND_DEFAULT_LIFE[c.kind]) >= operatingYears + (c.openingYear !== undefined && lastConstructionYear !== undefined ? Math.max(0, lastConstructionYear - c.openingYear + 1) : 0),
  );
  if (carriers.length === 0) {
    problems.push({
      code: 'NO_ASSET_AT_HAND_BACK',
      path: 'handBack.residualValue',
      message: `no investor-owned asset without its own residualValue lasts the ${operatingYears} operating years, so none has a book value at hand-back to carry this residual; give the residual on the items (capex[i].residualValue)`,
    });
  }
  return problems;
}
