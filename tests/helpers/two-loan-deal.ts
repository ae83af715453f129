import { readFileSync } from 'node:fs';

const parking = () => JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));

/*
 * The hand-worked parking deal (evaluate-deal.test.ts: EBIT before interest 100,000, 100,000, 99,136,
 * 96,112, 96,112 in 2027–2031 after 200,000 of depreciation, so EBITDA 300,000, 300,000, 299,136,
 * 296,112, 296,112) funded by two loans and equity, construction interest paid in cash:
 *   senior: 600,000 at 4%, 等额本金 over tenor 4 → repaid 2027–2029, 200,000 a year;
 *   junior: 200,000 at 6%, bullet at tenor 6 → repaid 2031.
 * Construction (mid-year draws): 300,000 × 4% + 100,000 × 6% = 18,000, written off 3,600 a year.
 * Senior interest 24,000, 16,000, 8,000 → service 224,000, 216,000, 208,000, 0, 0.
 * Junior interest 12,000 a year → service 12,000 × 4, then 212,000.
 * 利息支出 36,000, 28,000, 20,000, 12,000, 12,000; profit = EBIT − 利息 − 3,600 = 60,400, 68,400, 75,536,
 * 80,512, 80,512; tax 25% = 15,100, 17,100, 18,884, 20,128, 20,128.
 * CFADS = EBITDA − tax = 284,900, 282,900, 280,252, 275,984, 275,984.
 */
export function buildTwoLoanDeal(facilityOrder?: string[]) {
  const input = parking();
  input.funding = {
    sources: [
      { id: 'senior', name: '优先级贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '600000' }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 4, repayment: { kind: 'equal-principal' }, constructionInterest: 'paid' },
      { id: 'junior', name: '次级贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '200000' }, rate: { kind: 'fixed', rate: '0.06' }, tenorYears: 6, repayment: { kind: 'bullet' }, constructionInterest: 'paid' },
      { id: 'soe', name: '国企资本金', kind: 'investor-equity', investor: '国企' },
    ],
    fill: [{ source: 'senior' }, { source: 'junior' }, { source: 'soe' }],
  };
  if (facilityOrder) input.waterfall = { facilityOrder };
  return input;
}

