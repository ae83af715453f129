import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import type { Evaluation } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { evaluateInput } from '../helpers/evaluate-input.js';
import { buildTwoPhaseDealInput } from './phased-opening.fixture.js';

const row = (e: Evaluation, statement: keyof Evaluation['statements'], key: string) =>
  findRow(e.statements[statement]!, key).values.map((v) => (v === null ? null : v.toFixed(2)));

/**
 * Phased opening (methodology §10.11), the two-phase deal of phased-opening.fixture.ts worked by hand.
 * Years 2026 … 2030 (C = 2, N = 3).
 *
 * Parking (opens 2026): gross = 50 × occupancy × 436 × 12 × escalation; escalation counts from the
 * first operating year 2028, so 2026–2027 pay the prices of 2028 (factor 1):
 *   2026 s=1: 50 × 0.5 × 5,232 = 130,800 → net 130,800 / 1.09 = 120,000, VAT 10,800
 *   2027 s=2: 50 × 1 × 5,232 = 261,600 → net 240,000, VAT 21,600
 *   2028 n=1: 261,600 → 240,000; 2029 n=2: × 1.1 → 264,000 net; 2030 n=3: × 1.21 → 290,400 net.
 * Lease (after construction): 500 × 21.8 × 12 = 130,800 → net 120,000, VAT 10,800 in 2028–2030.
 * Revenue: 120,000 | 240,000 | 360,000 | 384,000 | 410,400.
 * Opex: attendant 20,000 from 2026, staff 30,000 from 2028: 20,000 | 20,000 | 50,000 × 3.
 * Capex: park 109,000 in 2026 (VAT 9,000); centre 218,000 half a year (109,000, VAT 9,000 each):
 *   218,000 | 109,000 — construction and operation in the same two years.
 * VAT: 2026 output 10,800 − input 18,000 → credit 7,200 carried, nothing paid; 2027 output 21,600 −
 *   (7,200 + 9,000) → 5,400 paid, surcharges 12% (7 + 3 + 2) = 648; 2028 32,400 paid, surcharges 3,888.
 * Depreciation: park 100,000 (VAT-exclusive) from its opening 2026 over min(5, 5 years left) = 20,000 a
 *   year; centre 200,000 from 2028 over min(10, 3) = 66,666.67: 20,000 | 20,000 | 86,666.67 × 3.
 * 利润总额: 2026 120,000 − 20,000 − 20,000 = 80,000 → tax 25% 20,000; 2027 240,000 − 20,000 − 20,000 −
 *   648 = 199,352 → 49,838; 2028 360,000 − 50,000 − 86,666.67 − 3,888 = 219,445.33 → 54,861.33.
 * After-tax project flow = revenue + output VAT − capex − opex − VAT paid − surcharges − tax:
 *   2026 130,800 − 218,000 − 20,000 − 20,000 = −127,200; 2027 261,600 − 109,000 − 20,000 − 5,400 − 648 −
 *   49,838 = 76,714; 2028 392,400 − 50,000 − 32,400 − 3,888 − 54,861.33 = 251,250.67.
 * Static payback: cumulative −127,200, −50,486, 200,764.67 → 3 − 1 + 50,486 / 251,250.67 = 2.2009 years.
 */
describe('phased opening: a two-phase deal worked by hand (methodology §10.11)', () => {
  const e = evaluateInput(buildTwoPhaseDealInput());

  it('marks the construction years in which the first phase already operates', () => {
    expect(e.years.map((y) => y.phase)).toEqual(['construction-and-operation', 'construction-and-operation', 'operation', 'operation', 'operation']);
    expect(e.years[0]!.opening).toEqual(['parking', 'park', 'attendant']);
    expect(e.years.map((y) => y.operatingYear)).toEqual([null, null, 1, 2, 3]);
  });

  it('shows construction spending and operation in the same year of the project cash flow', () => {
    expect(row(e, 'projectCashFlow', 'constructionInvestment')).toEqual(['218000.00', '109000.00', '0.00', '0.00', '0.00']);
    expect(row(e, 'projectCashFlow', 'operatingRevenue')).toEqual(['120000.00', '240000.00', '360000.00', '384000.00', '410400.00']);
    expect(row(e, 'projectCashFlow', 'outputVat')).toEqual(['10800.00', '21600.00', '32400.00', '34560.00', '36936.00']);
    expect(row(e, 'projectCashFlow', 'operatingCost')).toEqual(['20000.00', '20000.00', '50000.00', '50000.00', '50000.00']);
    expect(row(e, 'projectCashFlow', 'vatPayable')).toEqual(['0.00', '5400.00', '32400.00', '34560.00', '36936.00']);
    expect(row(e, 'projectCashFlow', 'surcharges')).toEqual(['0.00', '648.00', '3888.00', '4147.20', '4432.32']);
    expect(row(e, 'projectCashFlow', 'netCashFlowAfterTax').slice(0, 3)).toEqual(['-127200.00', '76714.00', '251250.67']);
  });

  it('depreciates the early phase from its opening and the later one from the first operating year', () => {
    expect(row(e, 'profitAndLoss', 'depreciationAmortisation')).toEqual(['20000.00', '20000.00', '86666.67', '86666.67', '86666.67']);
    expect(row(e, 'profitAndLoss', 'profitBeforeTax').slice(0, 3)).toEqual(['80000.00', '199352.00', '219445.33']);
    expect(row(e, 'profitAndLoss', 'incomeTax').slice(0, 3)).toEqual(['20000.00', '49838.00', '54861.33']);
  });

  it('holds the opened phase as a fixed asset and the rest as 在建工程 while construction lasts', () => {
    // 2026: park 100,000 − 20,000 = 80,000 in service; centre 109,000 − 9,000 = 100,000 in progress.
    expect(row(e, 'balanceSheet', 'fixedAssetsNet').slice(0, 3)).toEqual(['80000.00', '60000.00', '173333.33']);
    expect(row(e, 'balanceSheet', 'constructionInProgress')).toEqual(['100000.00', '200000.00', '0.00', '0.00', '0.00']);
    expect(row(e, 'balanceSheet', 'vatCredit').slice(0, 2)).toEqual(['7200.00', '0.00']);
    const assets = findRow(e.statements.balanceSheet, 'totalAssets').values;
    const claims = findRow(e.statements.balanceSheet, 'liabilitiesAndEquity').values;
    assets.forEach((a, t) => expect(a!.minus(claims[t]!).abs().lt('0.005')).toBe(true));
  });

  it('counts the payback from the start of construction with the early income in it', () => {
    expect(Number(e.metrics.paybackStaticYears).toFixed(4)).toBe((2 + 50486 / 251250.67).toFixed(4));
    // Pre-tax: cumulative −107,200, then +19,352 in 2027: 2 − 1 + 107,200 / 126,552.
    expect(Number(e.metrics.paybackStaticYearsPreTax).toFixed(4)).toBe((1 + 107200 / 126552).toFixed(4));
  });

  it('gives the same figures as before when no opening year is given (the later phase alone opens after construction)', () => {
    const input = buildTwoPhaseDealInput();
    input.capex = input.capex.map(({ openingYear: _o, ...item }) => item);
    input.revenue = input.revenue!.map(({ openingYear: _o, ...s }) => s);
    input.opex!.fixed = input.opex!.fixed!.map(({ openingYear: _o, ...c }) => c);
    const late = evaluateInput(input);
    expect(late.years.map((y) => y.phase)).toEqual(['construction', 'construction', 'operation', 'operation', 'operation']);
    // Parking then earns from 2028 at stream year 1 (occupancy 0.5): 120,000 + lease 120,000.
    expect(row(late, 'projectCashFlow', 'operatingRevenue')).toEqual(['0.00', '0.00', '240000.00', '384000.00', '410400.00']);
    // The park over min(5, 3 years left) = 33,333.33 a year beside the centre's 66,666.67.
    expect(row(late, 'profitAndLoss', 'depreciationAmortisation')).toEqual(['0.00', '0.00', '100000.00', '100000.00', '100000.00']);
  });
});

describe('phased opening: upkeep as a share of the works (methodology §10.11)', () => {
  it('keeps each work up from the year it enters service', () => {
    const input = buildTwoPhaseDealInput();
    input.opex!.percentOfCapex = [{ id: 'upkeep', name: '日常维护', share: '0.01', basis: 'investor-owned', inputVatRate: '0' }];
    const e = evaluateInput(input);
    // Park 109,000 × 1% = 1,090 from 2026; centre 218,000 × 1% = 2,180 from 2028; plus the staff costs.
    expect(row(e, 'projectCashFlow', 'operatingCost')).toEqual(['21090.00', '21090.00', '53270.00', '53270.00', '53270.00']);
  });
});

describe('phased opening: construction-period interest (methodology §6, §10.11)', () => {
  it('keeps capitalising a loan\'s interest through the last construction year while the first phase earns', () => {
    const input = buildTwoPhaseDealInput({
      funding: {
        sources: [
          { id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '100000' }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 5, graceYears: 0, repayment: { kind: 'equal-principal' } },
          { id: 'soe', name: '区属国企资本金', kind: 'investor-equity', investor: '区属国企' },
        ],
        fill: [{ source: 'loan' }, { source: 'soe' }],
      },
    });
    const e = evaluateInput(input);
    const loan = e.financing.debts.find((d) => d.source.id === 'loan')!;
    // interest_t = (opening incl. capitalised + draw_t / 2) × 4%, capitalised in 2026 and 2027.
    let balance = 0;
    for (let t = 0; t < 2; t++) {
      const draw = Number(loan.draw[t]!);
      const interest = Math.round((balance + draw / 2) * 0.04 * 100) / 100;
      expect(loan.capitalisedInterest[t]!.toFixed(2)).toBe(interest.toFixed(2));
      balance += draw + interest;
    }
    expect(row(e, 'investmentPlan', 'constructionInterest').slice(0, 2)).toEqual(loan.capitalisedInterest.slice(0, 2).map((v) => v.toFixed(2)));
    // No interest is charged to the P&L of the overlap years: it is 建设期利息, written off from 2028.
    expect(row(e, 'profitAndLoss', 'interestExpense').slice(0, 2)).toEqual(['0.00', '0.00']);
    expect(row(e, 'profitAndLoss', 'capitalisedInterestWriteOff').slice(0, 2)).toEqual(['0.00', '0.00']);
  });
});

describe('phased opening: an asset in service from its opening (methodology §9, §10.11)', () => {
  const withLives = (park: number, centre: number, residual?: string) => {
    const input = buildTwoPhaseDealInput(residual ? { handBack: { residualValue: residual } } : {});
    input.capex[0] = { ...input.capex[0]!, depreciationYears: park };
    input.capex[1] = { ...input.capex[1]!, depreciationYears: centre };
    return input;
  };

  it('warns that a work opened in 2026 with a 4-year life does not last the 5 years it operates', () => {
    const e = evaluateInput(withLives(4, 10));
    const warning = e.warnings.find((w) => w.code === 'ASSET_LIFE_SHORTER_THAN_OPERATION' && w.path === 'capex[0].depreciationYears');
    expect(warning?.message).toContain('the 5 years it operates from its opening');
    // 100,000 over 4 years from 2026: 25,000 in 2026–2029, nothing in 2030.
    expect(row(e, 'profitAndLoss', 'depreciationAmortisation').map((v, t) => (t === 4 ? v : null))).toEqual([null, null, null, null, '66666.67']);
  });

  it('carries a deal-level residual only on a work still in service at hand-back, counted from its opening', () => {
    // Park life 4 < the 5 years from 2026; centre life 2 < 3: no carrier.
    const refused = parseDeal(withLives(4, 2, '10000'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => `${p.path} ${p.code}`)).toContain('handBack.residualValue NO_ASSET_AT_HAND_BACK');
    // Park life 5: it carries all 10,000, left undepreciated: (100,000 − 10,000) / 5 = 18,000 a year, recovered in 2030.
    const e = evaluateInput(withLives(5, 2, '10000'));
    expect(row(e, 'projectCashFlow', 'residualValueRecovery')).toEqual(['0.00', '0.00', '0.00', '0.00', '10000.00']);
    expect(row(e, 'profitAndLoss', 'depreciationAmortisation').slice(0, 2)).toEqual(['18000.00', '18000.00']);
  });
});

describe('phased opening: the checks name the field (methodology §10.11)', () => {
  const problemsOf = (input: unknown) => {
    const parsed = parseDeal(input);
    return parsed.ok ? [] : parsed.problems.map((p) => `${p.path} ${p.code}`);
  };

  it('accepts the two-phase deal', () => {
    expect(problemsOf(buildTwoPhaseDealInput())).toEqual([]);
  });

  it('refuses an opening year outside the construction years', () => {
    const input = buildTwoPhaseDealInput();
    input.revenue![0] = { ...input.revenue![0]!, openingYear: 2028 };
    input.capex[0] = { ...input.capex[0]!, openingYear: 2025 };
    expect(problemsOf(input)).toEqual(expect.arrayContaining(['revenue[0].openingYear OPENING_YEAR_OUT_OF_RANGE', 'capex[0].openingYear OPENING_YEAR_OUT_OF_RANGE']));
    const parsed = parseDeal(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.find((p) => p.path === 'revenue[0].openingYear')!.message).toContain('give startOperatingYear 1 instead');
  });

  it('refuses a work that opens before its own construction is done', () => {
    const input = buildTwoPhaseDealInput();
    input.capex[1] = { ...input.capex[1]!, openingYear: 2026 };
    const parsed = parseDeal(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const problem = parsed.problems.find((p) => p.path === 'capex[1].openingYear')!;
      expect(problem.code).toBe('OPENING_BEFORE_WORKS_DONE');
      expect(problem.message).toContain('2027: 0.5');
    }
  });

  it('refuses a stream that opens before the works serving it are in service', () => {
    const input = buildTwoPhaseDealInput();
    input.revenue![1] = { ...input.revenue![1]!, openingYear: 2027 };
    const parsed = parseDeal(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const problem = parsed.problems.find((p) => p.path === 'revenue[1].openingYear')!;
      expect(problem.code).toBe('OPENING_BEFORE_WORKS_IN_SERVICE');
      expect(problem.message).toContain('capex[1]');
    }
  });

  it('refuses an opening year together with a later start operating year, and a non-year', () => {
    const input = buildTwoPhaseDealInput();
    input.opex!.fixed![0] = { ...input.opex!.fixed![0]!, startOperatingYear: 2 };
    input.revenue![0] = { ...input.revenue![0]!, openingYear: 2026.5 };
    expect(problemsOf(input)).toEqual(expect.arrayContaining(['opex.fixed[0].openingYear CONFLICTING_FIELDS', 'revenue[0].openingYear INVALID_TYPE']));
  });
});
