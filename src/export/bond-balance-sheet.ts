import type { Worksheet } from 'exceljs';
import type { BondResult } from '../engine/bonds/evaluate-bonds.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { ZERO } from '../finance/decimal.js';
import { columnLetter } from './cell-address.js';
import type { Check } from './checks-sheet.js';
import type { InputCells } from './inputs-sheet.js';
import { sumOfLines, toNullableNumbers, toNumbers } from './line-formulas.js';
import { COLUMN, writeYearSheet, type SheetLine, type YearColumn, type YearSheet } from './year-sheet.js';

/** The cell of a line in the previous year's column; 0 before the first year (the account's opening). */
const previous = (c: YearColumn, key: string) => (c.column === COLUMN.firstYear ? '0' : `${columnLetter(c.column - 1)}${c.at(key).replace(/^[A-Z]+/, '')}`);

/**
 * 收益与融资自求平衡 (methodology §10): per bond and year, the earmarked revenue by stream, the costs and
 * taxes charged to it, net income, the bond's principal and interest (linked to the debt-service
 * sheet), yearly and cumulative coverage over the bond's life, and the 偿债资金 account — opening,
 * deposit = max(0, net income), paid = min(service − construction coupons paid outside it, opening +
 * deposit) (with the loans the income also serves, in the bond's order), the issuer's top-up = service −
 * paid − coupons the project pays, closing = opening + deposit − paid − loans paid. Stream revenue,
 * costs, taxes and the construction coupons by payer are the engine's values; everything after them is
 * a live formula (methodology §10, §10.5, §10.9).
 */
export function writeBondBalanceSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string, debtService: YearSheet): YearSheet {
  const lines: SheetLine[] = [];
  e.bonds.forEach((b, k) => {
    const no = String(k + 1);
    const id = b.id;
    const ds = (key: string) => (c: YearColumn) => debtService.cellAt(key, c.column);
    const lifeFlags = e.years.map((y) => (b.life && y.calendarYear >= b.life.firstYear && y.calendarYear <= b.life.lastYear ? 1 : 0));
    const { income, account, service, interest, principal, loanService } = b.rows;
    const loans = b.servedLoans;
    const cumulative = coverageToDate(b, lifeFlags);
    // An earmarked bond's account also pays the loans its income serves (methodology §10.9).
    const paysLoans = b.earmarked && loans.length > 0;
    // Construction coupons paid outside the account (methodology §10.5): by the issuer (in its top-up) or by the project.
    const hasCoupons = [...account.outsideByIssuer, ...account.outsideByProject].some((v) => !v.isZero());
    const couponLines: SheetLine[] = hasCoupons
      ? [
          { key: `${id}.couponsByIssuer`, no: `${no}.15.1`, zh: '建设期利息：财政预算支付', en: 'Construction-year coupons paid by the issuer', values: toNumbers(account.outsideByIssuer), total: true },
          { key: `${id}.couponsByProject`, no: `${no}.15.2`, zh: '建设期利息：项目支付（资本金或债券资金）', en: 'Construction-year coupons paid by the project', values: toNumbers(account.outsideByProject), total: true },
        ]
      : [];
    lines.push(
      { heading: `${b.name}（${b.earmarked ? '专项收入 earmarked income' : '未指定专项收入，按全部偿债收入 not earmarked: all debt-service income'}）` },
      ...income.streams.map((s, j): SheetLine => ({ key: `${id}.stream.${s.id}`, no: `${no}.1.${j + 1}`, zh: `${s.name}${s.share.eq(1) ? '' : ` × ${s.share.toString()}`}`, en: `Revenue: ${s.id}`, values: toNumbers(s.revenue), total: true })),
      { key: `${id}.revenue`, no: `${no}.1`, zh: '专项收入', en: 'Earmarked revenue', values: toNumbers(income.revenue), total: true, formula: income.streams.length === 0 ? () => '0' : sumOfLines(...income.streams.map((s) => `${id}.stream.${s.id}`)) },
      { key: `${id}.costs`, no: `${no}.2`, zh: '运营成本（含分摊）', en: 'Operating costs charged (named and allocated)', values: toNumbers(income.costs), total: true },
      { key: `${id}.taxes`, no: `${no}.3`, zh: '税金及附加（分摊）', en: 'Taxes and surcharges on it', values: toNumbers(income.taxes), total: true },
      { key: `${id}.netIncome`, no: `${no}.4`, zh: '项目净收益', en: 'Net income = revenue − costs − taxes', values: toNumbers(income.netIncome), total: true, formula: (c) => `${c.at(`${id}.revenue`)}-${c.at(`${id}.costs`)}-${c.at(`${id}.taxes`)}` },
      { key: `${id}.principal`, no: `${no}.5`, zh: '债券还本', en: 'Bond principal', values: toNumbers(principal), total: true, formula: ds(`${id}.principal`) },
      { key: `${id}.interest`, no: `${no}.6`, zh: '债券付息', en: 'Bond interest', values: toNumbers(interest), total: true, formula: ds(`${id}.interestPaid`) },
      { key: `${id}.service`, no: `${no}.7`, zh: '还本付息合计', en: 'Total debt service', values: toNumbers(service), total: true, formula: sumOfLines(`${id}.principal`, `${id}.interest`) },
      { key: `${id}.activity`, no: `${no}.8`, zh: '发行及还本付息', en: 'Issued plus service', values: toNumbers(service.map((v, t) => v.plus(e.financing.debts.find((d) => d.source.id === id)!.draw[t]!))), total: true, formula: (c) => `${debtService.cellAt(`${id}.draw`, c.column)}+${c.at(`${id}.service`)}` },
      { key: `${id}.life`, no: `${no}.9`, zh: '债券存续期（1=是）', en: 'Within the bond\'s life (1)', values: lifeFlags, total: false, format: 'flag', formula: (c) => `IF(AND(SUM(${c.firstOf(`${id}.activity`)}:${c.at(`${id}.activity`)})>0,SUM(${c.at(`${id}.activity`)}:${c.lastOf(`${id}.activity`)})>0),1,0)` },
      { key: `${id}.lifeNet`, no: `${no}.10`, zh: '存续期净收益', en: 'Net income within the life', values: income.netIncome.map((v, t) => (lifeFlags[t] ? v.toNumber() : 0)), total: true, formula: (c) => `${c.at(`${id}.life`)}*${c.at(`${id}.netIncome`)}` },
      { key: `${id}.yearlyCoverage`, no: `${no}.11`, zh: '当年本息覆盖倍数', en: 'Yearly coverage = net income / service', values: service.map((s, t) => (lifeFlags[t] && !s.isZero() ? income.netIncome[t]!.div(s).toNumber() : null)), total: false, format: 'ratio', formula: (c) => `IF(AND(${c.at(`${id}.life`)}=1,${c.at(`${id}.service`)}>0),${c.at(`${id}.netIncome`)}/${c.at(`${id}.service`)},"")` },
      { key: `${id}.cumulativeCoverage`, no: `${no}.12`, zh: '累计本息覆盖倍数', en: 'Cumulative coverage to date', values: toNullableNumbers(cumulative), total: false, format: 'ratio', formula: (c) => `IF(AND(${c.at(`${id}.life`)}=1,SUM(${c.firstOf(`${id}.service`)}:${c.at(`${id}.service`)})>0),SUM(${c.firstOf(`${id}.lifeNet`)}:${c.at(`${id}.lifeNet`)})/SUM(${c.firstOf(`${id}.service`)}:${c.at(`${id}.service`)}),"")` },
      {
        key: `${id}.loanService`, no: `${no}.13`, zh: '同一收入偿还的贷款本息（组合融资）', en: 'Service of loans the same income serves', values: toNumbers(loanService), total: true,
        formula: (c) => (loans.length === 0 ? '0' : loans.map((loan) => `${debtService.cellAt(`${loan}.interestPaid`, c.column)}+${debtService.cellAt(`${loan}.principal`, c.column)}`).join('+')),
      },
      { key: `${id}.opening`, no: `${no}.14`, zh: '偿债资金：期初余额', en: 'Repayment account: opening', values: toNumbers(account.opening), total: false, formula: (c) => previous(c, `${id}.balance`) },
      { key: `${id}.deposit`, no: `${no}.15`, zh: '存入专项收益', en: 'Paid in: max(0, net income)', values: toNumbers(account.deposit), total: true, formula: (c) => `IF(${c.at(`${id}.life`)}=1,MAX(0,${c.at(`${id}.netIncome`)}),0)` },
      ...couponLines,
      ...accountPaymentLines(id, no, b, paysLoans, couponLines.length > 0),
      {
        key: `${id}.topUp`, no: `${no}.18`, zh: '财政补足', en: 'Issuer top-up (财政补足)', values: toNumbers(account.topUp), total: true,
        formula: (c) => `${c.at(`${id}.service`)}-${c.at(`${id}.paid`)}${couponLines.length > 0 ? `-${c.at(`${id}.couponsByProject`)}` : ''}`,
      },
      ...(paysLoans ? [{ key: `${id}.loanUnpaid`, no: `${no}.19`, zh: '贷款本息：账户未能偿还（借款人自付）', en: 'Loan service the account cannot pay (the borrower\'s)', values: toNumbers(account.loanUnpaid), total: true, formula: (c: YearColumn) => `IF(${c.at(`${id}.life`)}=1,${c.at(`${id}.loanService`)}-${c.at(`${id}.loanPaid`)},0)` }] : []),
      { key: `${id}.balance`, no: `${no}.20`, zh: '偿债资金：期末余额', en: 'Repayment account: closing', values: toNumbers(account.closing), total: false, formula: (c) => `${c.at(`${id}.opening`)}+${c.at(`${id}.deposit`)}-${c.at(`${id}.paid`)}${paysLoans ? `-${c.at(`${id}.loanPaid`)}` : ''}` },
      ...listBulletLines(e, b, no),
    );
  });
  return writeYearSheet(sheet, { title: '收益与融资自求平衡表 Special-bond income and financing balance', subtitle, years: e.years.length, lines, inputs });
}

/**
 * What the account pays of the bond (and of the loans it also serves) in the bond's order (methodology
 * §10.9): bond first = MIN(service, available), the loans from what is left; loans first the other way
 * round; pro rata each its share of the available when it cannot pay both.
 */
function accountPaymentLines(id: string, no: string, b: BondResult, paysLoans: boolean, hasCoupons: boolean): SheetLine[] {
  const { account } = b.rows;
  const at = (c: YearColumn, key: string) => c.at(`${id}.${key}`);
  const available = (c: YearColumn) => `(${at(c, 'opening')}+${at(c, 'deposit')})`;
  const inLife = (c: YearColumn, value: string) => `IF(${at(c, 'life')}=1,${value},0)`;
  // The bond's due from the account: its service less the construction coupons paid outside it.
  const bondDue = (c: YearColumn) => (hasCoupons ? `(${at(c, 'service')}-${at(c, 'couponsByIssuer')}-${at(c, 'couponsByProject')})` : at(c, 'service'));
  const bondPaid: SheetLine = { key: `${id}.paid`, no: `${no}.16`, zh: '偿还债券本息', en: 'Bond service paid from the account', values: toNumbers(account.paid), total: true, formula: (c) => inLife(c, `MIN(${bondDue(c)},${available(c)})`) };
  if (!paysLoans) return [bondPaid];
  const order = b.rows.order;
  const loanPaid: SheetLine = { key: `${id}.loanPaid`, no: `${no}.17`, zh: '偿还贷款本息', en: 'Loan service paid from the account', values: toNumbers(account.loanPaid), total: true, formula: (c) => inLife(c, `MIN(${at(c, 'loanService')},${available(c)})`) };
  if (order === 'bond-first') return [bondPaid, { ...loanPaid, formula: (c) => inLife(c, `MIN(${at(c, 'loanService')},${available(c)}-${at(c, 'paid')})`) }];
  if (order === 'loan-first') return [{ ...bondPaid, formula: (c) => inLife(c, `MIN(${bondDue(c)},${available(c)}-${at(c, 'loanPaid')})`) }, loanPaid];
  const due = (c: YearColumn) => `(${bondDue(c)}+${at(c, 'loanService')})`;
  return [
    { ...bondPaid, formula: (c) => inLife(c, `IF(${available(c)}>=${due(c)},${bondDue(c)},IF(${due(c)}>0,${available(c)}*${bondDue(c)}/${due(c)},0))`) },
    { ...loanPaid, formula: (c) => inLife(c, `IF(${available(c)}>=${due(c)},${at(c, 'loanService')},${available(c)}-${at(c, 'paid')})`) },
  ];
}

/**
 * A bond with bullet batches (methodology §10.13): its own DSCR after the order of service (the engine's
 * debt.facilities, §11.9), its bullet years (1 in a year a bullet batch repays its principal) and the
 * DSCR of the other years, a live formula IF(bullet = 0, DSCR, "") whose MIN (the Checks sheet, the
 * cover) is the bond's lowest DSCR outside its bullet years. Nothing for a bond without a bullet.
 */
function listBulletLines(e: Evaluation, b: Evaluation['bonds'][number], no: string): SheetLine[] {
  const { bulletYears } = b.bullet;
  if (bulletYears.length === 0) return [];
  const id = b.id;
  const dscr = e.debt.facilities.find((f) => f.sourceId === id)?.dscr ?? e.years.map(() => null);
  const flags = e.years.map((y) => (bulletYears.includes(y.calendarYear) ? 1 : 0));
  return [
    { key: `${id}.dscr`, no: `${no}.21`, zh: '本债券偿债备付率（本融资口径）', en: 'The bond\'s own DSCR after the order of service (§11.9)', values: toNullableNumbers(dscr), total: false, format: 'ratio' },
    { key: `${id}.bulletYear`, no: `${no}.22`, zh: '到期一次还本年（1=是）', en: 'Bullet maturity year (1)', values: flags, total: false, format: 'flag' },
    {
      key: `${id}.dscrOutsideBullet`, no: `${no}.23`, zh: '到期一次还本年以外的偿债备付率', en: 'DSCR outside the bullet years', total: false, format: 'ratio',
      values: dscr.map((v, t) => (v === null || flags[t] ? null : v.toNumber())),
      formula: (c) => `IF(AND(${c.at(`${id}.bulletYear`)}=0,ISNUMBER(${c.at(`${id}.dscr`)})),${c.at(`${id}.dscr`)},"")`,
    },
  ];
}

function coverageToDate(b: BondResult, lifeFlags: number[]) {
  let income = ZERO;
  let service = ZERO;
  return b.rows.service.map((s, t) => {
    if (!lifeFlags[t]) return null;
    income = income.plus(b.rows.income.netIncome[t]!);
    service = service.plus(s);
    return service.isZero() ? null : income.div(service);
  });
}

/** Coverage of one bond over its life on this sheet: Σ life × line / Σ life × (service [+ loan service]). */
export function bondCoverageFormula(sheet: YearSheet, id: string, numerator: 'revenue' | 'netIncome', allDebt = false): string {
  const life = sheet.range(`${id}.life`);
  const service = `SUMPRODUCT(${life},${sheet.range(`${id}.service`)})${allDebt ? `+SUMPRODUCT(${life},${sheet.range(`${id}.loanService`)})` : ''}`;
  return `SUMPRODUCT(${life},${sheet.range(`${id}.${numerator}`)})/(${service})`;
}

/** The bond sheet's checks: each bond's coverage, gross, net and all-debt, its issuer top-up and final account balance. */
export function listBondChecks(e: Evaluation, sheet: YearSheet): Check[] {
  const checks: Check[] = [];
  const num = (v: { toNumber(): number } | null) => (v === null ? null : v.toNumber());
  for (const b of e.bonds) {
    const id = b.id;
    const cite = 'methodology §10';
    checks.push(
      { key: `bondCoverageGross.${id}`, zh: `本息覆盖倍数（收入）：${b.name}`, en: `Coverage, gross: ${id}`, kind: 'ratio', formula: b.coverageGross === null ? null : bondCoverageFormula(sheet, id, 'revenue'), engine: num(b.coverageGross), note: `Σ over the bond's life of earmarked revenue / Σ principal + interest (${cite})` },
      { key: `bondCoverageNet.${id}`, zh: `本息覆盖倍数（净收益）：${b.name}`, en: `Coverage, net: ${id}`, kind: 'ratio', formula: b.coverageNet === null ? null : bondCoverageFormula(sheet, id, 'netIncome'), engine: num(b.coverageNet), note: `Σ earmarked net income / Σ principal + interest (${cite})` },
      { key: `bondCoverageAllDebt.${id}`, zh: `全部债务本息覆盖倍数：${b.name}`, en: `All-debt coverage: ${id}`, kind: 'ratio', formula: b.coverageAllDebt === null ? null : bondCoverageFormula(sheet, id, 'netIncome', true), engine: num(b.coverageAllDebt), note: b.notes.coverageAllDebt ?? `Σ net income / Σ service of the bond and the loans the same income serves (${cite})` },
      { key: `bondIssuerTopUp.${id}`, zh: `财政补足合计：${b.name}`, en: `Issuer top-up, total: ${id}`, kind: 'money', formula: sheet.totalCell(`${id}.topUp`), engine: b.totals.issuerTopUp.toNumber(), note: `Σ (service − paid from the repayment account) (${cite})` },
      ...(b.earmarked && b.servedLoans.length > 0
        ? [{ key: `bondLoanUnpaid.${id}`, zh: `账户未能偿还的贷款本息：${b.name}`, en: `Loan service the account cannot pay: ${id}`, kind: 'money' as const, formula: sheet.totalCell(`${id}.loanUnpaid`), engine: b.totals.loanUnpaid.toNumber(), note: `Σ (loan service − paid from the account in the bond's order) (methodology §10.9)` }]
        : []),
      ...(b.bullet.bulletYears.length > 0 && b.bullet.minDscrExcludingBullet !== null
        ? [{ key: `bondMinDscrOutsideBullet.${id}`, zh: `到期一次还本年以外最低偿债备付率：${b.name}`, en: `Lowest DSCR outside the bullet years: ${id}`, kind: 'ratio' as const, formula: `MIN(${sheet.range(`${id}.dscrOutsideBullet`)})`, engine: b.bullet.minDscrExcludingBullet.toNumber(), note: `MIN of the bond's own DSCR over the years no bullet batch matures (methodology §10.13)` }]
        : []),
      { key: `bondAccountClosing.${id}`, zh: `偿债资金期末余额：${b.name}`, en: `Repayment account at the end: ${id}`, kind: 'money', formula: `INDEX(${sheet.range(`${id}.balance`)},COLUMNS(${sheet.range(`${id}.balance`)}))`, engine: b.rows.account.closing[e.years.length - 1]!.toNumber(), note: `the balance never goes below zero (${cite})` },
    );
  }
  return checks;
}
