import { D, ZERO } from '../../finance/decimal.js';
import { createZeroSeries, type Series } from '../series.js';

/** 偿债资金 account of a bond, year by year (methodology §10). */
export interface RepaymentAccount {
  opening: Series;
  /** Earmarked net income paid in: max(0, net income) in the bond's years. */
  deposit: Series;
  /** Debt service paid from the account. */
  paid: Series;
  /** 财政补足: what the account cannot pay, from the issuer's budget. */
  topUp: Series;
  closing: Series;
}

/**
 * Run the repayment account over the bond's years `first…last` (indices): in each year
 * deposit_t = max(0, net income_t), paid_t = min(service_t, opening_t + deposit_t),
 * top-up_t = service_t − paid_t, closing_t = opening_t + deposit_t − paid_t = opening_{t+1}.
 * A bullet is therefore repaid from the balance accumulated over the bond's life, and the balance is
 * never below zero. Outside the bond's years nothing moves.
 */
export function runRepaymentAccount(netIncome: Series, service: Series, first: number, last: number): RepaymentAccount {
  const T = service.length;
  const account = { opening: createZeroSeries(T), deposit: createZeroSeries(T), paid: createZeroSeries(T), topUp: createZeroSeries(T), closing: createZeroSeries(T) };
  let balance = ZERO;
  for (let t = 0; t < T; t++) {
    account.opening[t] = balance;
    if (t >= first && t <= last) {
      const deposit = D.max(ZERO, netIncome[t]!);
      const available = balance.plus(deposit);
      const paid = D.min(service[t]!, available);
      account.deposit[t] = deposit;
      account.paid[t] = paid;
      account.topUp[t] = service[t]!.minus(paid);
      balance = available.minus(paid);
    }
    account.closing[t] = balance;
  }
  return account;
}
