import type { Evaluation } from './engine/evaluate-deal.js';
import type { D } from './finance/decimal.js';

const wan = (v: D) => v.div(10_000).toFixed(2);
const multiple = (v: D | null) => (v === null ? '—' : v.toFixed(2));

/** Each special bond's 自求平衡 summary and yearly table (methodology §10), in 万元, for `npm run evaluate`. */
export function printBonds(e: Evaluation): void {
  for (const b of e.bonds) {
    console.log(`\nSpecial bond 专项债券 ${b.name} (${b.id})${b.life ? `   ${b.life.firstYear}–${b.life.lastYear}` : ''}`);
    console.log(`  earmarked income 专项收入: ${b.earmarked ? b.streams.map((s) => (s.share.eq(1) ? s.id : `${s.id} × ${s.share.toString()}`)).join(', ') : 'none — all debt-service income (not a 自求平衡 test)'}`);
    for (const x of b.batches) {
      const flag = x.couponIsAssumption ? '  planned: coupon assumed 计划批次，利率为假设' : '';
      console.log(`  batch ${x.batch.id.padEnd(14)} ${x.batch.issueYear}-${String(x.batch.issueMonth).padStart(2, '0')}  ${wan(new (x.interest.constructor as typeof D)(x.batch.amount)).padStart(10)} 万元  ${(Number(x.batch.couponRate) * 100).toFixed(2)}%  ${x.batch.tenorYears}y ${x.batch.interestFrequency} ${x.batch.principal.kind}  matures ${x.maturity.year}-${String(x.maturity.month).padStart(2, '0')}${flag}`);
    }
    console.log(`  coverage 本息覆盖倍数: gross ${multiple(b.coverageGross)}   net ${multiple(b.coverageNet)}   all debt ${multiple(b.coverageAllDebt)}   issuer top-up 财政补足 ${wan(b.totals.issuerTopUp)} 万元`);
    console.log(`  construction coupons 建设期利息: ${b.notes.constructionCoupons}`);
    if (b.notes.serviceOrder && b.earmarked && b.servedLoans.length > 0) console.log(`  组合融资: ${b.notes.serviceOrder}; loan service left to the borrower 账户未能偿还的贷款本息 ${wan(b.totals.loanUnpaid)} 万元`);
    const head = ['year', 'revenue', 'costs', 'taxes', 'net', 'principal', 'interest', 'yearly×', 'cumul.×', 'account', 'top-up'];
    console.log(`  ${head.map((h, i) => (i === 0 ? h.padStart(4) : h.padStart(10))).join(' ')}`);
    for (const r of b.table) {
      const cells = [r.revenue, r.costs, r.taxes, r.netIncome, r.principal, r.interest].map((v) => wan(v).padStart(10));
      console.log(`  ${String(r.year).padStart(4)} ${cells.join(' ')} ${multiple(r.yearlyCoverage).padStart(10)} ${multiple(r.cumulativeCoverage).padStart(10)} ${wan(r.accountBalance).padStart(10)} ${wan(r.issuerTopUp).padStart(10)}`);
    }
  }
}
