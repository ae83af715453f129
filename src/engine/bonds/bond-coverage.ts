import type { Covenants } from '../../deal/funding-schema.js';
import { D } from '../../finance/decimal.js';
import { isBelowFloor } from '../covenant-rule.js';
import type { DebtMetrics } from '../debt-metrics.js';
import type { BondResult } from './evaluate-bonds.js';

const COVERAGE_FLAGS = new Set(['BOND_COVERAGE_BELOW_MINIMUM', 'DEBT_COVERAGE_BELOW_MINIMUM']);

/**
 * The deal's coverage multiples once a bond is earmarked (methodology §10): each bond is tested on its
 * own income, so the deal reports the binding one — the lowest of its bonds' cumulative coverage,
 * gross, net and all-debt — and flags it against covenants.bondCoverage and allDebtCoverage. Without
 * any earmarked bond the pooled coverage of methodology §4 stands unchanged.
 */
export function applyBondCoverage(debt: DebtMetrics, bonds: readonly BondResult[], covenants: Covenants): DebtMetrics {
  if (!bonds.some((b) => b.earmarked)) return debt;
  const lowest = (pick: (b: BondResult) => D | null) => {
    const values = bonds.map(pick).filter((v): v is D => v !== null);
    return values.length === 0 ? null : D.min(...values);
  };
  const coverage = {
    bondGross: lowest((b) => b.coverageGross),
    bondNet: lowest((b) => b.coverageNet),
    allDebtGross: lowest((b) => b.coverageAllDebtGross),
    allDebtNet: lowest((b) => b.coverageAllDebt),
  };
  const flags = debt.flags.filter((f) => !COVERAGE_FLAGS.has(f.code));
  const binding = (pick: (b: BondResult) => D | null, value: D | null) => bonds.find((b) => value !== null && pick(b)?.eq(value))?.id ?? '';
  if (coverage.bondNet !== null && isBelowFloor(coverage.bondNet, covenants.bondCoverage)) {
    flags.push({ code: 'BOND_COVERAGE_BELOW_MINIMUM', path: 'metrics.bondCoverageNet', message: `special-bond coverage (net, earmarked income of ${binding((b) => b.coverageNet, coverage.bondNet)}) ${coverage.bondNet.toFixed(4)} is below ${covenants.bondCoverage}` });
  }
  if (coverage.allDebtNet !== null && isBelowFloor(coverage.allDebtNet, covenants.allDebtCoverage)) {
    flags.push({ code: 'DEBT_COVERAGE_BELOW_MINIMUM', path: 'contributions', message: `coverage of all debt served by the earmarked income of ${binding((b) => b.coverageAllDebt, coverage.allDebtNet)} (net) ${coverage.allDebtNet.toFixed(4)} is below ${covenants.allDebtCoverage}` });
  }
  const notes = { ...debt.notes, bondCoverageGross: 'lowest of the bonds\' own coverage: Σ earmarked revenue / Σ bond principal and interest over each bond\'s life (bonds[])', bondCoverageNet: 'as gross, less the costs and taxes charged to the earmarked income' };
  return { ...debt, coverage, flags, notes };
}
