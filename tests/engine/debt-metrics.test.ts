import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRow } from '../../src/engine/statement.js';
import { D } from '../../src/finance/decimal.js';
import { irr } from '../../src/finance/irr.js';
import { evaluateInput, evaluateTemplate } from '../helpers/evaluate-input.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

const evaluate = evaluateInput;

const sum = (row: D[]) => row.reduce((s, v) => s.plus(v), new D(0));
const lastNonZero = (row: D[]) => row.reduce((last, v, t) => (v.isZero() ? last : t), -1);
const fuzhou = () => evaluateTemplate('fuzhou-gulou-25y');

describe('LLCR', () => {
  it('is the PV of CFADS to the last repayment at the loan rate over the balance at the start of operation', () => {
    const e = evaluate(buildFundedDealInput());
    const loan = e.financing.debts[0]!;
    const C = e.projection.timeline.C;
    const last = lastNonZero(loan.debtService);
    // One loan at LPR 3.5% + 50bp = 4%: Σ_{t=C..last} CFADS_t / 1.04^(t−C+1) / opening balance at C.
    let pv = new D(0);
    for (let t = C; t <= last; t++) pv = pv.plus(e.financing.cfads[t]!.div(new D('1.04').pow(t - C + 1)));
    expect(e.debt.llcr0!.toFixed(12)).toBe(pv.div(loan.opening[C]!).toFixed(12));
    expect(e.debt.llcr[last + 1] ?? null).toBeNull();
  });
});

describe('special-bond coverage (本息覆盖倍数), pooled: a bond that names no earmarked income', () => {
  // 福州's template earmarks its car park to the bond (methodology §10); without the earmark the bond
  // keeps the pooled coverage over every debt-service stream, which is what this case pins.
  const raw = JSON.parse(readFileSync(new URL('../../models/fuzhou-gulou-25y.json', import.meta.url), 'utf8')) as { funding: { sources: Array<Record<string, unknown>> } };
  for (const source of raw.funding.sources) delete source.earmark;
  const e = evaluate(raw);
  const bond = e.financing.debts.find((d) => d.source.kind === 'special-bond')!;

  it('divides the debt-service revenue over the bond life by the bond service, gross and net of operating cost', () => {
    // The bond's life runs from its first issue to its last payment.
    const first = bond.draw.findIndex((v) => !v.isZero());
    const last = lastNonZero(bond.debtService);
    const within = (row: D[]) => sum(row.slice(first, last + 1));
    const revenue = e.projection.revenue.lines.filter((l) => l.stream.countsForDebtService);
    const gross = within(e.projection.timeline.years.map((_, t) => sum(revenue.map((l) => l.net[t]!))));
    const costs = within(e.projection.opex.net).plus(within(e.projection.vat.surcharges));
    const service = within(bond.debtService);
    expect(e.metrics.bondCoverageGross!.toFixed(12)).toBe(gross.div(service).toFixed(12));
    expect(e.metrics.bondCoverageNet!.toFixed(12)).toBe(gross.minus(costs).div(service).toFixed(12));
    // All debt: the loan's service in the same window joins the bond's.
    expect(e.debt.coverage.allDebtNet!.toFixed(12)).toBe(gross.minus(costs).div(within(e.financing.debtService)).toFixed(12));
  });

  it('is null with a reason when the deal has no special bond', () => {
    const plain = evaluate(buildFundedDealInput());
    expect(plain.metrics.bondCoverageNet).toBeNull();
    expect(plain.metricNotes.bondCoverageNet).toBe('no special bond');
  });
});

describe('returns to each investor', () => {
  // The helper deal's equity pays the garage's 3,000,000 not lent; the SOE puts in 1,800,000 (60%).
  function withPartner(profitShares?: [string, string]) {
    const input = buildFundedDealInput();
    const sources = input.funding!.sources;
    const soe = sources.findIndex((s) => s.id === 'soe');
    sources[soe] = { id: 'soe', name: '区属国企资本金', kind: 'investor-equity', investor: '区属国企', amount: '1800000', ...(profitShares ? { profitShare: profitShares[0] } : {}) };
    sources.push({ id: 'partner', name: '社会资本', kind: 'investor-equity', investor: '物业企业', ...(profitShares ? { profitShare: profitShares[1] } : {}) });
    input.funding!.fill!.push({ source: 'partner' });
    return evaluate(input);
  }

  it('gives each of two investors the equity IRR when profit shares follow what they put in', () => {
    const e = withPartner();
    const [soe, partner] = e.debt.investors;
    expect(soe!.contributed.div(soe!.contributed.plus(partner!.contributed)).toFixed(12)).toBe('0.600000000000');
    expect(soe!.profitShare.toFixed(12)).toBe('0.600000000000');
    expect(soe!.irr.rate!.minus(e.metrics.equityIrr!).abs().lt('1e-9')).toBe(true);
    expect(partner!.irr.rate!.minus(e.metrics.equityIrr!).abs().lt('1e-9')).toBe(true);
  });

  it('gives more to the investor whose profit share exceeds its part of the money, and the equity IRR lies between', () => {
    const e = withPartner(['0.7', '0.3']);
    const [soe, partner] = e.debt.investors.map((i) => i.irr.rate!);
    expect(soe!.gt(e.metrics.equityIrr!)).toBe(true);
    expect(partner!.lt(e.metrics.equityIrr!)).toBe(true);
  });

  it("keeps 福州鼓楼's 51/49 profit shares; the equity IRR is the root of the equity cash-flow row", () => {
    const e = fuzhou();
    expect(e.debt.investors.map((i) => i.profitShare.toString())).toEqual(['0.51', '0.49']);
    const equityFlows = findRow(e.statements.equityCashFlow, 'netCashFlow').values;
    expect(irr(equityFlows.map((v) => v.toString())).minus(e.metrics.equityIrr!).abs().lt('1e-9')).toBe(true);
  });
});
