import { D } from '../finance/decimal.js';
import type { Deal } from './deal-schema.js';
import { compileFormula, RESERVED_FORMULA_NAMES } from './formula.js';
import type { Problem } from './problem.js';

/**
 * Checks that need more than one field: phasing against the construction period, unique ids,
 * references between sections, operating years inside the operating period, and formulas.
 * Every problem is collected; none stops the others.
 */
export function validateDeal(deal: Deal): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const { constructionYears: C, operatingYears: N } = deal.timeline;

  checkPhasing(deal.timeline.capexPhasing, C, 'timeline.capexPhasing', add);
  checkUnique(deal.capex.map((c) => c.id), 'capex', add);
  deal.capex.forEach((item, i) => {
    checkPhasing(item.phasing, C, `capex[${i}].phasing`, add);
    if (item.kind === 'pipeline' && item.utility === undefined) {
      add('REQUIRED', `capex[${i}].utility`, 'a pipeline item must name its utility (water, drainage, power, gas, heat, telecom)');
    }
  });

  checkUnique(deal.revenue.map((r) => r.id), 'revenue', add);
  deal.revenue.forEach((stream, i) => {
    const path = `revenue[${i}]`;
    checkOperatingYear(stream.startOperatingYear, N, `${path}.startOperatingYear`, add);
    if (stream.endOperatingYear !== undefined) {
      checkOperatingYear(stream.endOperatingYear, N, `${path}.endOperatingYear`, add);
      if (stream.endOperatingYear < stream.startOperatingYear) {
        add('INVALID_RANGE', `${path}.endOperatingYear`, `ends (year ${stream.endOperatingYear}) before it starts (year ${stream.startOperatingYear})`);
      }
    }
    if (stream.driver === 'parking' && stream.spaces === undefined && deal.scope.parkingSpaces === undefined) {
      add('REQUIRED', `${path}.spaces`, 'give the number of spaces here or scope.parkingSpaces');
    }
    if (stream.driver === 'property-service' && stream.billedUnits === undefined) {
      if (stream.basis === 'floor-area' && deal.scope.floorAreaM2 === undefined) {
        add('REQUIRED', `${path}.billedUnits`, 'give the billed ㎡ here or scope.floorAreaM2');
      }
    }
    if (stream.driver === 'custom') {
      const names = Object.keys(stream.inputs);
      for (const name of names.filter((n) => RESERVED_FORMULA_NAMES.has(n))) {
        add('RESERVED_NAME', `${path}.inputs.${name}`, `"${name}" is a built-in name of formulas; choose another input name`);
      }
      const check = compileFormula(stream.formula, names);
      if (!check.ok) add(check.code, `${path}.formula`, check.message);
    }
  });

  const opexIds = [
    ...deal.opex.fixed.map((o) => o.id),
    ...deal.opex.percentOfRevenue.map((o) => o.id),
    ...deal.opex.percentOfCapex.map((o) => o.id),
    ...deal.opex.majorMaintenance.map((o) => o.id),
  ];
  checkUnique(opexIds, 'opex', add);
  const streamIds = new Set(deal.revenue.map((r) => r.id));
  deal.opex.fixed.forEach((cost, i) => {
    checkOperatingYear(cost.startOperatingYear, N, `opex.fixed[${i}].startOperatingYear`, add);
    if (cost.endOperatingYear !== undefined) {
      checkOperatingYear(cost.endOperatingYear, N, `opex.fixed[${i}].endOperatingYear`, add);
      if (cost.endOperatingYear < cost.startOperatingYear) {
        add('INVALID_RANGE', `opex.fixed[${i}].endOperatingYear`, 'ends before it starts');
      }
    }
  });
  deal.opex.percentOfRevenue.forEach((cost, i) => {
    cost.streams?.forEach((id, j) => {
      if (!streamIds.has(id)) add('UNKNOWN_REFERENCE', `opex.percentOfRevenue[${i}].streams[${j}]`, `no revenue stream has id "${id}"`);
    });
  });
  const capexIds = new Set(deal.capex.map((c) => c.id));
  deal.opex.majorMaintenance.forEach((event, i) => {
    event.operatingYears.forEach((year, j) => checkOperatingYear(year, N, `opex.majorMaintenance[${i}].operatingYears[${j}]`, add));
    event.replacesCapex.forEach((id, j) => {
      if (!capexIds.has(id)) add('UNKNOWN_REFERENCE', `opex.majorMaintenance[${i}].replacesCapex[${j}]`, `no capex item has id "${id}"`);
    });
  });

  checkOperatingYear(deal.workingCapital.operatingYear, N, 'workingCapital.operatingYear', add);
  if (deal.indicators.normalOperatingYear !== undefined) {
    checkOperatingYear(deal.indicators.normalOperatingYear, N, 'indicators.normalOperatingYear', add);
  }
  // The residual is left undepreciated on investor-owned assets, whose cost basis excludes creditable VAT.
  const investorBase = deal.capex
    .filter((c) => c.owner === 'investor')
    .reduce((sum, c) => {
      const amount = new D(c.amount);
      return sum.plus(c.vatDeductible ?? true ? amount.div(new D(c.inputVatRate).plus(1)) : amount);
    }, new D(0));
  if (new D(deal.handBack.residualValue).gt(investorBase)) {
    add('OUT_OF_RANGE', 'handBack.residualValue', `exceeds the VAT-exclusive cost of the investor-owned capex (${investorBase.toFixed(2)} 元)`);
  }
  return problems;
}

type Add = (code: string, path: string, message: string) => void;

/** Phasing shares: one per construction year, adding up to exactly 1 (FINANCE.md §2). */
function checkPhasing(phasing: readonly string[] | undefined, C: number, path: string, add: Add): void {
  if (phasing === undefined) return;
  if (phasing.length !== C) {
    add('PHASING_LENGTH', path, `needs one share per construction year (${C}); got ${phasing.length}`);
    return;
  }
  const sum = phasing.reduce((s, p) => s.plus(p), new D(0));
  if (!sum.eq(1)) add('PHASING_SUM', path, `shares must add up to 1; they add up to ${sum.toString()}`);
}

function checkUnique(ids: readonly string[], path: string, add: Add): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) add('DUPLICATE_ID', path, `id "${id}" is used more than once`);
    seen.add(id);
  }
}

function checkOperatingYear(year: number, N: number, path: string, add: Add): void {
  if (year > N) add('YEAR_OUT_OF_RANGE', path, `operating year ${year} is after the end of operation (year ${N})`);
}
