import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluationSchema } from '../../src/api/schemas/evaluation-schema.js';
import { resolveFacilityCovenant } from '../../src/engine/facility-covenants.js';
import { serializeEvaluation } from '../../src/engine/to-wire.js';
import type { Evaluation } from '../../src/engine/evaluate-deal.js';
import { evaluateInput } from '../helpers/evaluate-input.js';
import { loadTemplate } from '../helpers/load-template.js';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';

/*
 * The senior/junior deal of tests/helpers/two-loan-deal.ts, each facility's own cover worked by hand in
 * tests/engine/facility-cover.test.ts: senior DSCR 1.271875 (2027), 1.309722, 1.347365, LLCR 1.307737;
 * junior 5.075, 5.575, 6.021, 22.998667, 1.301811 (2031), LLCR 3.012471. Deal covenants by default:
 * minDscr 1.3, no LLCR test.
 */
const facilityWarnings = (e: Evaluation) =>
  e.warnings.filter((w) => w.code.startsWith('FACILITY_')).map((w) => ({ code: w.code, path: w.path, years: w.years }));

describe('covenants on each facility\'s own cover (methodology §11.9)', () => {
  it('holds a loan without covenants of its own to the deal\'s minimum DSCR: the senior loan breaches 1.3 in 2027', () => {
    const e = evaluateInput(buildTwoLoanDeal());
    expect(facilityWarnings(e)).toEqual([{ code: 'FACILITY_DSCR_BELOW_MINIMUM', path: 'funding.sources[0]', years: [2027] }]);
    const w = e.warnings.find((x) => x.code === 'FACILITY_DSCR_BELOW_MINIMUM')!;
    expect(w.message).toContain('优先级贷款 (senior)');
    expect(w.message).toContain('1.2719 in 2027');
  });

  it('tests the junior loan, served second, on what the senior leaves: its own 1.5 is breached in 2031 only', () => {
    const input = buildTwoLoanDeal();
    input.funding.sources[1].covenants = { minDscr: '1.5' };
    expect(facilityWarnings(evaluateInput(input))).toEqual([
      { code: 'FACILITY_DSCR_BELOW_MINIMUM', path: 'funding.sources[0]', years: [2027] },
      { code: 'FACILITY_DSCR_BELOW_MINIMUM', path: 'funding.sources[1]', years: [2031] },
    ]);
  });

  it('follows the order: with the junior first the senior loan falls below 1.3 in all three of its years', () => {
    // 272,900 / 224,000 = 1.218304; 270,900 / 216,000 = 1.254167; 268,252 / 208,000 = 1.289673.
    expect(facilityWarnings(evaluateInput(buildTwoLoanDeal(['junior'])))).toEqual([{ code: 'FACILITY_DSCR_BELOW_MINIMUM', path: 'funding.sources[0]', years: [2027, 2028, 2029] }]);
  });

  it('tests each loan\'s LLCR against covenants.minLlcr at its test date, and a loan\'s own threshold before the deal\'s', () => {
    const input = buildTwoLoanDeal();
    input.covenants = { minLlcr: '1.31' };
    // Senior LLCR 1.307737 < 1.31 (tested at the start of 2027); junior 3.012471 passes.
    const e = evaluateInput(input);
    expect(facilityWarnings(e)).toContainEqual({ code: 'FACILITY_LLCR_BELOW_MINIMUM', path: 'funding.sources[0]', years: [2027] });
    expect(facilityWarnings(e).filter((w) => w.code === 'FACILITY_LLCR_BELOW_MINIMUM')).toHaveLength(1);
    // The senior loan's own covenants (DSCR 1.25, LLCR 1.30) replace the deal's: met, no warning for it.
    input.funding.sources[0].covenants = { minDscr: '1.25', minLlcr: '1.30' };
    expect(facilityWarnings(evaluateInput(input))).toEqual([]);
  });

  it('meets a covenant within the covenant tolerance (1e-5), as the project-level flags do', () => {
    const input = buildTwoLoanDeal();
    input.funding.sources[0].covenants = { minDscr: '1.27188' };
    // 1.271875 is 0.000005 below 1.27188: within the tolerance, met.
    expect(facilityWarnings(evaluateInput(input))).toEqual([]);
  });

  it('holds a bond only to covenants it states (its deal-level test is the coverage of methodology §10)', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const bond = deal.funding.sources.find((s) => s.kind === 'special-bond')!;
    const loan = deal.funding.sources.find((s) => s.kind === 'bank-loan')!;
    if (bond.kind !== 'special-bond' || loan.kind !== 'bank-loan') throw new Error('template changed');
    expect(resolveFacilityCovenant(deal, bond)).toEqual({ minDscr: null, minLlcr: null });
    expect(resolveFacilityCovenant(deal, loan)).toEqual({ minDscr: deal.covenants.minDscr, minLlcr: null });
    expect(resolveFacilityCovenant(deal, { ...bond, covenants: { minDscr: '1.2' } })).toEqual({ minDscr: '1.2', minLlcr: null });
  });

  it('names a bad covenant field of a facility', () => {
    const input = buildTwoLoanDeal();
    input.funding.sources[1].covenants = { minDscr: 'high', minLlcr: '-1', maxLeverage: '3' };
    const parsed = parseDeal(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['funding.sources[1].covenants.minDscr', 'funding.sources[1].covenants.minLlcr']));
    expect(paths.some((p) => p.startsWith('funding.sources[1].covenants'))).toBe(true);
  });

  it('carries each facility\'s thresholds and breach years in debt.facilities: the senior breaches 1.3 in 2027 only, the junior never', () => {
    // Senior DSCR 1.271875 (2027) < 1.3, then 1.309722 and 1.347365 ≥ 1.3; junior lowest 1.301811 (2031) ≥ 1.3.
    const e = evaluateInput(buildTwoLoanDeal());
    const wire = serializeEvaluation(e);
    const covenantOf = (id: string) => wire.debt.facilities.find((f) => f.sourceId === id)!.covenant;
    expect(covenantOf('senior')).toEqual({ minDscr: '1.3', minLlcr: null, dscrBreachYears: [2027], llcrBreachYears: [] });
    expect(covenantOf('junior')).toEqual({ minDscr: '1.3', minLlcr: null, dscrBreachYears: [], llcrBreachYears: [] });
    // The same years as the warning, and the OpenAPI schema of the evaluation describes the field.
    expect(e.warnings.find((w) => w.code === 'FACILITY_DSCR_BELOW_MINIMUM')!.years).toEqual(covenantOf('senior').dscrBreachYears);
    const parsed = evaluationSchema.parse(JSON.parse(JSON.stringify(wire))) as { debt: { facilities: { covenant: unknown }[] } };
    expect(parsed.debt.facilities.map((f) => f.covenant)).toEqual([covenantOf('senior'), covenantOf('junior')]);
  });

  it('reports a facility\'s own thresholds and its LLCR breach year; a threshold it meets leaves no years', () => {
    const input = buildTwoLoanDeal();
    input.covenants = { minLlcr: '1.31' };
    input.funding.sources[1].covenants = { minDscr: '1.5' };
    const facilities = serializeEvaluation(evaluateInput(input)).debt.facilities;
    // Senior: deal minDscr 1.3 (default) breached in 2027; LLCR 1.307737 < 1.31 at its test date 2027.
    expect(facilities[0]!.covenant).toEqual({ minDscr: '1.3', minLlcr: '1.31', dscrBreachYears: [2027], llcrBreachYears: [2027] });
    // Junior: its own 1.5 replaces the deal's 1.3 (breached by 1.301811 in 2031); the deal's LLCR 1.31 applies, 3.012471 meets it.
    expect(facilities[1]!.covenant).toEqual({ minDscr: '1.5', minLlcr: '1.31', dscrBreachYears: [2031], llcrBreachYears: [] });
  });

  it('gives a bond without covenants of its own no thresholds and no breach years', () => {
    const e = evaluateTemplateFacilities('fuzhou-gulou-25y');
    const bond = e.find((f) => f.kind === 'special-bond')!;
    expect(bond.covenant).toEqual({ minDscr: null, minLlcr: null, dscrBreachYears: [], llcrBreachYears: [] });
  });
});

function evaluateTemplateFacilities(name: string) {
  return serializeEvaluation(evaluateInput(loadTemplate(name))).debt.facilities;
}
