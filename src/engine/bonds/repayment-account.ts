import type { ServiceOrder } from '../../deal/bond-schema.js';
import { D, ZERO } from '../../finance/decimal.js';
import { createZeroSeries, type Series } from '../series.js';

/** 偿债资金 account of a bond, year by year (methodology §10). */
export interface RepaymentAccount {
  opening: Series;
  /** Earmarked net income paid in: max(0, net income) in the bond's years. */
  deposit: Series;
  /** Bond service paid from the account. */
  paid: Series;
  /** 财政补足: bond service the account cannot pay, plus construction coupons the issuer's budget pays by choice. */
  topUp: Series;
  /** Service of the loans the same income serves (组合融资) paid from the account. */
  loanPaid: Series;
  /** Loan service the account cannot pay: the borrower's, from its other cash (not the issuer's). */
  loanUnpaid: Series;
  /** Construction-period coupons paid outside the account: by the issuer's budget … */
  outsideByIssuer: Series;
  /** … or by the project (项目资本金, or the bond's own proceeds when capitalised). */
  outsideByProject: Series;
  closing: Series;
}

export interface RepaymentAccountOptions {
  /** Service of the loans paid from the same account; none when omitted. */
  loanService?: Series;
  order?: ServiceOrder;
  /** Coupons of construction years paid outside the account (methodology §10.5), by whom. */
  constructionCoupons?: { values: Series; paidBy: 'issuer' | 'project' };
}

/**
 * Run the repayment account over the bond's years `first…last` (indices). In each year
 * deposit_t = max(0, net income_t); the bond's due from the account is its service less the
 * construction coupons paid outside it; the available opening_t + deposit_t pays the bond and the
 * loans in `order` (pro rata: each its share of what falls due when the account cannot pay all);
 * top-up_t = bond due − bond paid (+ the construction coupons when the issuer pays them);
 * closing_t = opening_t + deposit_t − bond paid − loan paid = opening_{t+1}. A bullet is therefore
 * repaid from the balance accumulated over the bond's life, and the balance is never below zero.
 * Outside the bond's years nothing moves.
 */
export function runRepaymentAccount(netIncome: Series, service: Series, first: number, last: number, options: RepaymentAccountOptions = {}): RepaymentAccount {
  const T = service.length;
  const order = options.order ?? 'bond-first';
  const loanService = options.loanService ?? createZeroSeries(T);
  const outside = options.constructionCoupons?.values ?? createZeroSeries(T);
  const byIssuer = options.constructionCoupons?.paidBy === 'issuer';
  const account: RepaymentAccount = {
    opening: createZeroSeries(T), deposit: createZeroSeries(T), paid: createZeroSeries(T), topUp: createZeroSeries(T),
    loanPaid: createZeroSeries(T), loanUnpaid: createZeroSeries(T), outsideByIssuer: createZeroSeries(T), outsideByProject: createZeroSeries(T), closing: createZeroSeries(T),
  };
  let balance = ZERO;
  for (let t = 0; t < T; t++) {
    account.opening[t] = balance;
    if (t >= first && t <= last) {
      const deposit = D.max(ZERO, netIncome[t]!);
      const available = balance.plus(deposit);
      const bondDue = service[t]!.minus(outside[t]!);
      const loanDue = loanService[t]!;
      const { bond, loan } = splitAvailable(available, bondDue, loanDue, order);
      account.deposit[t] = deposit;
      account.paid[t] = bond;
      account.loanPaid[t] = loan;
      account.loanUnpaid[t] = loanDue.minus(loan);
      (byIssuer ? account.outsideByIssuer : account.outsideByProject)[t] = outside[t]!;
      account.topUp[t] = bondDue.minus(bond).plus(byIssuer ? outside[t]! : ZERO);
      balance = available.minus(bond).minus(loan);
    }
    account.closing[t] = balance;
  }
  return account;
}

/** What the account pays of the bond's and the loans' dues from `available`, in the given order. */
function splitAvailable(available: D, bondDue: D, loanDue: D, order: ServiceOrder): { bond: D; loan: D } {
  if (order === 'bond-first') {
    const bond = D.min(bondDue, available);
    return { bond, loan: D.min(loanDue, available.minus(bond)) };
  }
  if (order === 'loan-first') {
    const loan = D.min(loanDue, available);
    return { bond: D.min(bondDue, available.minus(loan)), loan };
  }
  const due = bondDue.plus(loanDue);
  if (available.gte(due)) return { bond: bondDue, loan: loanDue };
  const bond = available.times(bondDue).div(due);
  return { bond, loan: available.minus(bond) };
}
