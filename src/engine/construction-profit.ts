import type { Deal } from '../deal/deal-schema.js';
import { D } from '../finance/decimal.js';
import type { CapexSchedule } from './capex.js';
import type { ProjectScope } from './project-scope.js';
import { accumulateSeries, createZeroSeries, subtractSeries, sumSeries, type Series } from './series.js';
import { createBalanceRow, createRow, type Statement } from './statement.js';

/**
 * 施工利润 of an investor that also builds (methodology §9.8, the 鲁谷 一本账): earned by the builder on
 * the works it builds, whoever pays for them, in the years they are paid. It is the builder's income,
 * taxed on its own books, and never revenue or a cost of the project entity, whose 建设投资 already
 * pays the contract price: neither scope of the 项目投资现金流量表 moves.
 */
export interface ConstructionProfit {
  margin: D;
  incomeTaxRate: D;
  /** Contract value excluding VAT of the works built: Σ gross_{i,t} / (1 + VAT rate_i). */
  contractValue: Series;
  /** margin × contract value, split by the scope of the works (methodology §9.1). */
  beforeTax: Series;
  onEntityWorks: Series;
  onOthersWorks: Series;
  /** The builder's income tax on it, rate × profit of the year (no losses of the project entity offset it). */
  incomeTax: Series;
  afterTax: Series;
}

/** The construction profit of the deal's `constructionProfit` line; null when the deal has none. */
export function computeConstructionProfit(deal: Deal, capex: CapexSchedule, scope: ProjectScope): ConstructionProfit | null {
  const line = deal.constructionProfit;
  if (line === undefined) return null;
  const T = capex.total.length;
  const margin = new D(line.margin);
  const incomeTaxRate = new D(line.incomeTaxRate ?? deal.tax.incomeTaxRate);
  const built = line.items === undefined ? undefined : new Set(line.items);
  const contractValue = createZeroSeries(T);
  const onEntityWorks = createZeroSeries(T);
  const onOthersWorks = createZeroSeries(T);
  for (const l of capex.lines) {
    if (built !== undefined && !built.has(l.item.id)) continue;
    // The amount is what the builder is paid, VAT included at the item's rate (建筑服务 9% by default).
    const divisor = new D(l.item.inputVatRate).plus(1);
    const target = scope.entityItems.has(l.item.id) ? onEntityWorks : onOthersWorks;
    l.gross.forEach((paid, t) => {
      if (paid.isZero()) return;
      const value = paid.div(divisor);
      contractValue[t] = contractValue[t]!.plus(value);
      target[t] = target[t]!.plus(value.times(margin));
    });
  }
  const beforeTax = sumSeries(T, [onEntityWorks, onOthersWorks]);
  const incomeTax = beforeTax.map((v) => v.times(incomeTaxRate));
  return { margin, incomeTaxRate, contractValue, beforeTax, onEntityWorks, onOthersWorks, incomeTax, afterTax: subtractSeries(beforeTax, incomeTax) };
}

/** The investors' one ledger (一本账): the equity's net cash flow plus the construction profit after tax. */
export function computeLedgerFlow(equityNetCashFlow: Series, profit: ConstructionProfit): Series {
  return sumSeries(equityNetCashFlow.length, [equityNetCashFlow, profit.afterTax]);
}

/** 施工利润与一本账 (methodology §9.8): the construction profit line and the one-ledger flow it makes. */
export function buildConstructionProfitStatement(profit: ConstructionProfit, equityNetCashFlow: Series): Statement {
  const ledger = computeLedgerFlow(equityNetCashFlow, profit);
  return {
    key: 'constructionProfit',
    zh: '施工利润与一本账现金流量表',
    en: 'Construction profit and the investors\' one ledger',
    rows: [
      createRow('contractValue', '1', '施工合同额（不含增值税）', 'Contract value of the works built (excluding VAT)', profit.contractValue),
      createRow('profitBeforeTax', '2', '施工利润（税前）', `Construction profit before tax (${profit.margin.times(100).toString()}% of 1)`, profit.beforeTax),
      createRow('onEntityWorks', '2.1', '其中：项目法人范围的工程', 'of which on the project entity\'s works', profit.onEntityWorks),
      createRow('onOthersWorks', '2.2', '其中：他方出资并所有的工程', 'of which on works others pay for and own', profit.onOthersWorks),
      createRow('incomeTax', '3', '施工利润所得税', `Builder's income tax on it (${profit.incomeTaxRate.times(100).toString()}%)`, profit.incomeTax),
      createRow('profitAfterTax', '4', '施工利润（税后）', 'Construction profit after tax', profit.afterTax),
      createRow('equityNetCashFlow', '5', '项目资本金净现金流量', 'Equity net cash flow (项目资本金现金流量表 line 3)', equityNetCashFlow),
      createRow('ledgerNetCashFlow', '6', '一本账净现金流量', 'One-ledger net cash flow (5 + 4)', ledger),
      createBalanceRow('cumulativeLedgerNetCashFlow', '7', '累计一本账净现金流量', 'Cumulative one-ledger net cash flow', accumulateSeries(ledger)),
    ],
  };
}
