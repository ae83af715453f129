import type { BankLoan, DebtSource, SpecialBond } from '../deal/funding-schema.js';
import { GOVERNMENT_LEVEL_ZH } from '../deal/funding-schema.js';

const percent = (rate: string | number, places = 2) => `${(Number(rate) * 100).toFixed(places)}%`;

/** 定价 of a loan or a bond, in words: LPR ± spread in basis points, a fixed rate, or the coupon. */
export function describePricing(source: DebtSource): string {
  if (source.kind === 'special-bond' && source.batches) return source.batches.map((b) => `${b.id} ${percent(b.couponRate)}${b.status === 'planned' ? '（计划，假设 planned, assumed）' : ''}`).join('；') + `，${source.batches.every((b) => b.interestFrequency === 'semi-annual') ? '半年付息 semi-annual' : '按批次付息 by batch'}`;
  if (source.kind === 'special-bond') return `票面利率 coupon ${percent(source.couponRate ?? 0)}，${source.interestFrequency === 'semi-annual' ? '半年付息 semi-annual' : '按年付息 annual'}`;
  if (source.rate.kind === 'fixed') return `固定利率 fixed ${percent(source.rate.rate)}`;
  const bp = Math.round(Number(source.rate.spread) * 10_000);
  const spread = bp === 0 ? '' : bp > 0 ? ` + ${bp}BP` : ` − ${-bp}BP`;
  return `5年期LPR ${percent(source.rate.lpr)}${spread} = ${percent(Number(source.rate.lpr) + Number(source.rate.spread))}`;
}

/** 还款方式 of a loan or a bond, in words (methodology §6). */
export function describeRepayment(source: DebtSource): string {
  if (source.kind === 'special-bond') return describeBondPrincipal(source);
  return describeLoanRepayment(source);
}

function describeLoanRepayment(loan: BankLoan): string {
  const grace = loan.graceYears > 0 ? `，运营期宽限 ${loan.graceYears} 年 grace ${loan.graceYears} operating years` : '';
  const r = loan.repayment;
  const how = {
    annuity: '等额本息 annuity',
    'equal-principal': '等额本金 equal principal',
    bullet: '到期一次还本 bullet',
    custom: r.kind === 'custom' ? `按比例还本 custom (${r.shares.map((s) => percent(s, 1)).join(' / ')})` : '',
    sculpted: r.kind === 'sculpted' ? `按目标偿债备付率 ${r.targetDscr} 雕塑式还款 sculpted to DSCR ${r.targetDscr}` : '',
  }[r.kind];
  const idc = loan.constructionInterest === 'capitalised' ? '建设期利息资本化 construction interest capitalised' : '建设期利息由资本金支付 construction interest paid from equity';
  return `${how}${grace}；${idc}`;
}

function describeBondPrincipal(bond: SpecialBond): string {
  const p = bond.principal ?? { kind: 'bullet' as const };
  const how = bond.batches
    ? bond.batches.map((b) => `${b.id}：${b.issueYear}年${b.issueMonth}月发行，${b.principal.kind === 'bullet' ? '到期一次还本 bullet' : `分期还本 ${b.principal.shares.map((s) => `第${s.bondYear}年 ${percent(s.share, 2)}`).join('，')}`}`).join('；')
    : p.kind === 'bullet'
    ? '到期一次还本 bullet'
    : `分期还本 by schedule: ${p.shares.map((s) => `第${s.bondYear}年 ${percent(s.share, 2)}`).join('，')}`;
  const extras = [
    Number(bond.issuanceCostRate) > 0 ? `发行费 ${percent(bond.issuanceCostRate, 2)} issuance cost` : '',
    Number(bond.capitalShare) > 0 ? `${percent(bond.capitalShare, 0)} 用作项目资本金 counted as 项目资本金` : '',
    `偿债责任：${GOVERNMENT_LEVEL_ZH[bond.level]}政府 issuer ${bond.level}`,
  ].filter((x) => x !== '');
  return `${how}；${extras.join('；')}`;
}

/** 期限 of a facility: tenor in years and the calendar year of the last repayment. */
export function describeTenor(source: DebtSource, startYear: number): string {
  if (source.kind === 'special-bond' && source.batches) return source.batches.map((b) => `${b.id} ${b.tenorYears} 年 years`).join('；');
  if (source.kind === 'special-bond') return `${source.tenorYears} 年 years`;
  return `${source.tenorYears} 年（含建设期，至 ${startYear + source.tenorYears - 1} 年）${source.tenorYears} years from the first year, to ${startYear + source.tenorYears - 1}`;
}
