import { D } from '../finance/decimal.js';
import { isInputVatDeductible, type CapexItem } from './capex-schema.js';
import type { Deal } from './deal-schema.js';
import type { RevenueStream } from './revenue-schema.js';
import { compileFormula, RESERVED_FORMULA_NAMES } from './formula.js';
import { DEFAULT_FORMULA_LIMITS, type FormulaLimits } from './formula-cost.js';
import type { Problem } from './problem.js';
import { validateFunding } from './validate-funding.js';
import { validateOpenings } from './validate-opening.js';
import { validateResiduals } from './validate-residuals.js';
import { validateWaterfall } from './validate-waterfall.js';

/**
 * The sections of a deal as far as each parsed on its own: when the whole deal has shape problems,
 * the cross-field checks still run on every section (and every capex item or stream) that is sound,
 * so a user sees all problems at once. `undefined` marks a section or element that did not parse.
 */
export interface DealParts {
  timeline?: Deal['timeline'];
  scope?: Deal['scope'];
  capex: (CapexItem | undefined)[];
  revenue: (RevenueStream | undefined)[];
  opex?: Deal['opex'];
  workingCapital?: Deal['workingCapital'];
  handBack?: Deal['handBack'];
  indicators?: Deal['indicators'];
  funding?: Deal['funding'];
  operatingSupport?: Deal['operatingSupport'];
  covenants?: Deal['covenants'];
  constructionProfit?: Deal['constructionProfit'];
  waterfall?: Deal['waterfall'];
}

/** Cross-field checks of a parsed deal. */
export function validateDeal(deal: Deal, limits: FormulaLimits = DEFAULT_FORMULA_LIMITS): Problem[] {
  return validateDealParts(deal, limits);
}

/**
 * Checks that need more than one field: phasing against the construction period, unique ids,
 * references between sections, operating years inside the operating period, and formulas.
 * Every problem is collected; none stops the others. A check that needs a section that did not
 * parse is skipped rather than guessed.
 */
export function validateDealParts(deal: DealParts, limits: FormulaLimits = DEFAULT_FORMULA_LIMITS): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const C = deal.timeline?.constructionYears;
  const N = deal.timeline?.operatingYears;
  const yearCheck = (year: number, path: string) => {
    if (N !== undefined) checkOperatingYear(year, N, path, add);
  };
  const capex = present(deal.capex);
  const revenue = present(deal.revenue);

  if (C !== undefined) checkPhasing(deal.timeline?.capexPhasing, C, 'timeline.capexPhasing', add);
  checkUnique(capex.map(([item]) => item.id), 'capex', add);
  for (const [item, i] of capex) {
    if (C !== undefined) checkPhasing(item.phasing, C, `capex[${i}].phasing`, add);
    if (item.kind === 'pipeline' && item.utility === undefined) {
      add('REQUIRED', `capex[${i}].utility`, 'a pipeline item must name its utility (water, drainage, power, gas, heat, telecom)');
    }
  }

  checkUnique(revenue.map(([stream]) => stream.id), 'revenue', add);
  // The work of the formulas in one evaluation: Σ cost × years the stream runs (formula-cost.ts).
  let formulaWork = 0;
  for (const [stream, i] of revenue) {
    const path = `revenue[${i}]`;
    yearCheck(stream.startOperatingYear, `${path}.startOperatingYear`);
    if (stream.endOperatingYear !== undefined) {
      yearCheck(stream.endOperatingYear, `${path}.endOperatingYear`);
      if (stream.endOperatingYear < stream.startOperatingYear) {
        add('INVALID_RANGE', `${path}.endOperatingYear`, `ends (year ${stream.endOperatingYear}) before it starts (year ${stream.startOperatingYear})`);
      }
    }
    if (stream.driver === 'parking' && stream.spaces === undefined && deal.scope && deal.scope.parkingSpaces === undefined) {
      add('REQUIRED', `${path}.spaces`, 'give the number of spaces here or scope.parkingSpaces');
    }
    if (stream.driver === 'property-service' && stream.billedUnits === undefined && stream.basis === 'floor-area') {
      if (deal.scope && deal.scope.floorAreaM2 === undefined) add('REQUIRED', `${path}.billedUnits`, 'give the billed ㎡ here or scope.floorAreaM2');
    }
    if (stream.driver === 'custom') {
      const names = Object.keys(stream.inputs);
      for (const name of names.filter((n) => RESERVED_FORMULA_NAMES.has(n))) {
        add('RESERVED_NAME', `${path}.inputs.${name}`, `"${name}" is a built-in name of formulas; choose another input name`);
      }
      const check = compileFormula(stream.formula, names, limits);
      if (!check.ok) add(check.code, `${path}.formula`, check.message);
      else formulaWork += check.cost * countStreamYears(stream, N);
    }
  }
  if (formulaWork > limits.maxEvaluationWork) {
    add(
      'EVALUATION_TOO_COSTLY',
      'revenue',
      `the custom formulas cost ${formulaWork} work units per evaluation (each formula's cost × the years it runs); at most ${limits.maxEvaluationWork} are allowed`,
    );
  }

  const opex = deal.opex;
  if (opex) {
    checkUnique(
      [...opex.fixed, ...opex.percentOfRevenue, ...opex.percentOfCapex, ...opex.majorMaintenance].map((o) => o.id),
      'opex',
      add,
    );
    opex.fixed.forEach((cost, i) => {
      yearCheck(cost.startOperatingYear, `opex.fixed[${i}].startOperatingYear`);
      if (cost.endOperatingYear !== undefined) {
        yearCheck(cost.endOperatingYear, `opex.fixed[${i}].endOperatingYear`);
        if (cost.endOperatingYear < cost.startOperatingYear) add('INVALID_RANGE', `opex.fixed[${i}].endOperatingYear`, 'ends before it starts');
      }
    });
    // References are checked only against complete lists: a malformed stream may be the one meant.
    if (revenue.length === deal.revenue.length) {
      const streamIds = new Set(revenue.map(([stream]) => stream.id));
      opex.percentOfRevenue.forEach((cost, i) => {
        cost.streams?.forEach((id, j) => {
          if (!streamIds.has(id)) add('UNKNOWN_REFERENCE', `opex.percentOfRevenue[${i}].streams[${j}]`, `no revenue stream has id "${id}"`);
        });
      });
      // Streams a cost or an asset is used for (methodology §9: input VAT of exempt services).
      const checkServes = (list: readonly string[] | undefined, path: string) =>
        list?.forEach((id, j) => {
          if (!streamIds.has(id)) add('UNKNOWN_REFERENCE', `${path}.servesStreams[${j}]`, `no revenue stream has id "${id}"`);
        });
      opex.fixed.forEach((cost, i) => checkServes(cost.servesStreams, `opex.fixed[${i}]`));
      opex.percentOfCapex.forEach((cost, i) => checkServes(cost.servesStreams, `opex.percentOfCapex[${i}]`));
      opex.majorMaintenance.forEach((event, i) => checkServes(event.servesStreams, `opex.majorMaintenance[${i}]`));
      capex.forEach(([item, i]) => checkServes(item.servesStreams, `capex[${i}]`));
    }
    const capexIds = capex.length === deal.capex.length ? new Set(capex.map(([item]) => item.id)) : undefined;
    opex.majorMaintenance.forEach((event, i) => {
      event.operatingYears.forEach((year, j) => yearCheck(year, `opex.majorMaintenance[${i}].operatingYears[${j}]`));
      event.replacesCapex.forEach((id, j) => {
        if (capexIds && !capexIds.has(id)) add('UNKNOWN_REFERENCE', `opex.majorMaintenance[${i}].replacesCapex[${j}]`, `no capex item has id "${id}"`);
      });
    });
  }

  if (deal.workingCapital) yearCheck(deal.workingCapital.operatingYear, 'workingCapital.operatingYear');
  if (deal.indicators?.normalOperatingYear !== undefined) yearCheck(deal.indicators.normalOperatingYear, 'indicators.normalOperatingYear');
  if (deal.handBack && capex.length === deal.capex.length) {
    // The residual is left undepreciated on investor-owned assets, whose cost basis excludes creditable VAT.
    const investorBase = capex
      .filter(([c]) => c.owner === 'investor')
      .reduce((sum, [c]) => {
        const amount = new D(c.amount);
        return sum.plus(isInputVatDeductible(c) ? amount.div(new D(c.inputVatRate).plus(1)) : amount);
      }, new D(0));
    if (new D(deal.handBack.residualValue).gt(investorBase)) {
      add('OUT_OF_RANGE', 'handBack.residualValue', `exceeds the VAT-exclusive cost of the investor-owned capex (${investorBase.toFixed(2)} 元)`);
    }
  }
  problems.push(...validateOpenings({ timeline: deal.timeline, capex, capexComplete: capex.length === deal.capex.length, revenue, fixedCosts: opex?.fixed }));
  // The works the investor builds (methodology §9.8): each a capex item, named once.
  const built = deal.constructionProfit?.items;
  if (built && capex.length === deal.capex.length) {
    const capexIds = new Set(capex.map(([item]) => item.id));
    const seen = new Set<string>();
    built.forEach((id, j) => {
      const path = `constructionProfit.items[${j}]`;
      if (!capexIds.has(id)) add('UNKNOWN_REFERENCE', path, `no capex item has id "${id}"`);
      else if (seen.has(id)) add('DUPLICATE_ID', path, `capex item "${id}" is listed more than once`);
      seen.add(id);
    });
  }
  if (capex.length === deal.capex.length) problems.push(...validateResiduals(capex.map(([item]) => item), deal.handBack, deal.timeline?.operatingYears, deal.timeline && deal.timeline.startYear + deal.timeline.constructionYears - 1));
  problems.push(
    ...validateFunding({
      funding: deal.funding,
      operatingSupport: deal.operatingSupport,
      covenants: deal.covenants,
      timeline: deal.timeline,
      scope: deal.scope,
      capex: capex.length === deal.capex.length ? capex.map(([item]) => item) : undefined,
      streamIds: revenue.length === deal.revenue.length ? new Set(revenue.map(([stream]) => stream.id)) : undefined,
      opexIds: opex ? new Set([...opex.fixed, ...opex.percentOfRevenue, ...opex.percentOfCapex, ...opex.majorMaintenance].map((o) => o.id)) : undefined,
    }),
  );
  if (deal.waterfall && deal.funding) problems.push(...validateWaterfall(deal.waterfall, deal.funding));
  return problems;
}

/** Years a stream is evaluated: from its start to its end or the end of operation (all 30 when the timeline did not parse). */
function countStreamYears(stream: RevenueStream, N: number | undefined): number {
  const last = Math.min(stream.endOperatingYear ?? N ?? 30, N ?? 30);
  // A phased opening adds at most the 5 construction years (methodology §10.11).
  return Math.max(0, last - stream.startOperatingYear + 1) + (stream.openingYear === undefined ? 0 : 5);
}

/** The elements that parsed, each with its index in the input. */
function present<T>(items: readonly (T | undefined)[]): [T, number][] {
  return items.flatMap((item, i) => (item === undefined ? [] : [[item, i] as [T, number]]));
}

type Add = (code: string, path: string, message: string) => void;

/** Phasing shares: one per construction year, adding up to exactly 1 (methodology §2). */
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
