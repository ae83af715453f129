import type { Worksheet } from 'exceljs';
import type { Deal } from '../deal/deal-schema.js';
import { GOVERNMENT_LEVEL_ZH, GRANT_LEVEL, isGrantSource, type FundingSource } from '../deal/funding-schema.js';
import { isAboveCap, isBelowFloor } from '../engine/covenant-rule.js';
import { resolveFacilityCovenant } from '../engine/facility-covenants.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { D } from '../finance/decimal.js';
import { FORMAT, setUpPrinting, styleInput, type FormatName } from './cell-styles.js';
import { describeWarning, formatWan } from './describe-warning.js';
import { fitRowHeight } from './print-setup.js';
import { describePricing, describeRepayment, describeTenor } from './facility-terms.js';
import { describeBulletReading } from './describe-bullet.js';
import { listFacilityCoverRows } from './facility-cover.js';
import { writeSectionHeading, writeTableHeader, writeTableRow, type TableCell } from './table-rows.js';
import type { YearSheet } from './year-sheet.js';

export interface CoverLinks {
  /** Cells of the Checks sheet by key: the live value of each indicator. */
  checks: Map<string, string>;
  investmentPlan: YearSheet;
  debtService: YearSheet;
  /** The Inputs cell holding 10,000 (元 per 万元). */
  yuanPerWan: string;
  /** The Inputs cell holding the covenant tolerance. */
  covenantTolerance: string;
}

const MEANS_ZH = { cash: '现金 cash', 'provident-fund': '住房公积金 provident fund', 'maintenance-fund': '住宅专项维修资金 maintenance fund', 'co-building-fund': '共建基金 co-building fund' } as const;
const SUPPORT_ZH = { 'construction-rebate': '建设成本返还 construction-cost rebate', 'operating-subsidy': '运营补贴 operating subsidy', 'viability-gap': '可行性缺口补助 viability-gap payment' } as const;
const KIND_ZH: Record<string, string> = {
  'central-budget': '中央预算内投资', 'central-special-fund': '中央财政专项资金', 'provincial-grant': '省级补助', 'municipal-grant': '市级补助', 'district-grant': '区级补助',
  utility: '管线专营单位出资', 'property-rights-unit': '产权单位出资', donation: '捐赠', residents: '居民出资', 'investor-equity': '项目资本金', 'bank-loan': '银行贷款', 'special-bond': '专项债券',
};

/**
 * 条款摘要 Term sheet: the cover a banker and a finance bureau read first — deal, parties and roles,
 * structure and periods, investment and funding, each facility's terms, covenants against the
 * projection, security, subsidies and rebates, residents' contributions, key indicators (linked to the
 * Checks sheet's live values) and the conditions and open points the engine raised.
 */
export function writeCoverSheet(sheet: Worksheet, deal: Deal, e: Evaluation, links: CoverLinks): void {
  const { timeline } = deal;
  const C = timeline.constructionYears;
  const N = timeline.operatingYears;
  const n = (v: D) => v.toNumber();
  const linked = (key: string, value: D | null, format: FormatName): TableCell => {
    const cell = links.checks.get(key);
    if (value === null || cell === undefined) return '—';
    return { value: { formula: cell, result: n(value) }, format };
  };
  let row = 1;
  // The cover is read, so its amounts are 万元 to two decimals: each 元 cell divided by the Inputs' 10,000.
  const line = (cells: TableCell[]) => writeTableRow(sheet, row++, cells.map((cell) => showInWan(cell, links.yuanPerWan)));
  const section = (text: string) => {
    row++;
    writeSectionHeading(sheet, row++, text);
  };

  sheet.getCell('A1').value = '条款摘要 Term sheet';
  sheet.getCell('A1').font = { bold: true, size: 16 };
  row = 2;
  line([deal.name]);
  sheet.getCell(row - 1, 1).font = { bold: true, size: 13 };
  if (deal.nameEn) line([deal.nameEn]);
  line([`指示性条款，仅供讨论，不构成要约或授信承诺。Indicative terms for discussion; not an offer or a credit commitment. 测算基准日 As of ${e.asOf} · 引擎 engine ${e.engineVersion} · 金额单位：万元 amounts in 万元 (other sheets: 元)`]);
  sheet.getCell(row - 1, 1).font = { italic: true, color: { argb: 'FF595959' } };

  section('一、项目 The deal');
  const place = [deal.place.province, deal.place.city, deal.place.district, deal.place.subdistrict, deal.place.community].filter(Boolean).join(' ');
  line(['项目地点', 'Place', place]);
  if (deal.meta.archetype) line(['模式', 'Archetype', deal.meta.archetype]);
  const s = deal.scope;
  line(['改造规模', 'Scope', [`${s.households} 户 households`, s.buildings ? `${s.buildings} 栋 buildings` : '', s.floorAreaM2 ? `${Number(s.floorAreaM2).toLocaleString('en')} ㎡` : '', s.elevators ? `${s.elevators} 部电梯 elevators` : '', s.parkingSpaces ? `${s.parkingSpaces} 个车位 parking spaces` : ''].filter(Boolean).join('，')]);

  section('二、参与方及角色 Parties and roles');
  writeTableHeader(sheet, row++, ['角色', 'Role', '主体 Party', '说明 Basis']);
  const implementing = deal.place.subdistrict ? `${deal.place.district ?? deal.place.city}人民政府 / ${deal.place.subdistrict}街道办事处` : `${deal.place.district ?? deal.place.city}人民政府（或其授权单位）`;
  line(['实施主体', 'Implementing body', implementing, '按项目所在地推定，待确认 inferred from the place; to be confirmed']);
  const sources = deal.funding.sources;
  const byKind = (kinds: string[]) => sources.filter((x) => kinds.includes(x.kind));
  for (const inv of e.debt.investors) {
    // The funding table shows the investor's source (its equity for 建设投资); the shareholder also pays its
    // share of the working capital and of the construction interest equity pays: say so, so the two agree.
    const forCapex = e.contributions.bySource.find((b) => b.sourceId === inv.sourceId)?.nominal ?? inv.contributed;
    const other = inv.contributed.minus(forCapex);
    const reconciled = other.isZero() ? '' : `（= 资金筹措表 ${wanText(forCapex)} 万元 + 分摊流动资金及建设期利息 ${wanText(other)} 万元 = funding table + its share of working capital and construction interest paid by equity）`;
    line(['投资人（项目公司股东）', 'Investor (shareholder)', inv.investor, `出资 ${wanText(inv.contributed)} 万元${reconciled}，收益分配 ${(n(inv.profitShare) * 100).toFixed(2)}% of distributions`]);
  }
  line(['运营方', 'Operator', e.debt.investors.length > 0 ? `项目公司（${e.debt.investors.map((i) => i.investor).join('、')} 设立）` : '投资方', `运营期 ${N} 年，运营收益回收投资 operates for ${N} years and recovers the investment from operating income`]);
  for (const loan of byKind(['bank-loan'])) line(['贷款人', 'Lender', loan.kind === 'bank-loan' ? (loan.lender ?? loan.name) : loan.name, loan.name]);
  for (const bond of byKind(['special-bond'])) line(['债券发行人', 'Bond issuer', bond.kind === 'special-bond' ? `${GOVERNMENT_LEVEL_ZH[bond.level]}政府（${deal.place.district ?? deal.place.city}）` : '', `${bond.name}：地方政府专项债券 local-government special bond`]);
  for (const u of byKind(['utility'])) line(['管线专营单位', 'Utility', u.name, u.kind === 'utility' ? u.utility : '']);
  for (const g of sources.filter(isGrantSource)) line(['政府补助', 'Grantor', g.name, `${GOVERNMENT_LEVEL_ZH[GRANT_LEVEL[g.kind]]} ${g.kind}`]);
  for (const r of byKind(['residents'])) line(['居民', 'Residents', r.name, r.kind === 'residents' ? MEANS_ZH[r.means] : '']);
  for (const other of byKind(['property-rights-unit', 'donation'])) line([KIND_ZH[other.kind]!, other.kind, other.name, '']);

  section('三、交易结构及期限 Structure and periods');
  line(['模式', 'Structure', '投资＋建设＋运营（一体化实施） investment + construction + operation as one package']);
  line(['建设期', 'Construction', `${timeline.startYear}–${timeline.startYear + C - 1} 年，${C} 年${timeline.capexPhasing ? `（投资按 ${timeline.capexPhasing.map((x) => `${(Number(x) * 100).toFixed(0)}%`).join(' / ')} 分年投入）` : ''}`]);
  line(['运营期', 'Operation', `${timeline.startYear + C}–${timeline.startYear + C + N - 1} 年，${N} 年`]);
  // Phased opening (methodology §10.11): what operates before construction ends, by opening year.
  const openings = [...deal.revenue, ...deal.capex, ...deal.opex.fixed].filter((l) => l.openingYear !== undefined);
  const openingYears = [...new Set(openings.map((l) => l.openingYear!))].sort((a, b) => a - b);
  if (openingYears.length > 0) {
    const byYear = openingYears.map((y) => `${y} 年起 ${openings.filter((l) => l.openingYear === y).map((l) => l.name).join('、')}`).join('；');
    line(['分期投运', 'Phased opening', `${byYear}；建设期与运营期重叠 ${openingYears[0]}–${timeline.startYear + C - 1} 年 construction and operation overlap`]);
  }
  const residual = new D(deal.handBack.residualValue);
  line(['期满移交', 'Hand-back', residual.isZero() ? '运营期满资产无偿移交 assets handed back free of charge (无偿移交)' : `期满按余值 ${wanText(residual)} 万元移交 handed back at a residual value`]);

  section('四、总投资及资金筹措 Investment and funding（万元）');
  writeTableHeader(sheet, row++, ['项目', 'Item', '金额 Amount', '说明 Note']);
  const ip = links.investmentPlan;
  const m = e.metrics;
  line(['总投资', 'Total investment', linked('totalInvestment', m.totalInvestment, 'wan'), '建设投资 + 建设期利息 + 流动资金']);
  line(['其中：建设投资', 'Construction investment', linked('constructionInvestment', m.constructionInvestment, 'wan'), '含增值税 VAT-inclusive']);
  line(['建设期利息', 'Construction interest', linked('constructionInterest', m.constructionInterest, 'wan'), '']);
  line(['流动资金', 'Working capital', { value: { formula: ip.totalCell('workingCapital'), result: n(new D(deal.workingCapital.amount)) }, format: 'wan' }, '']);
  for (const source of e.contributions.bySource) {
    const debtRow = `${source.sourceId}.capitalisedInterest`;
    const capitalised = links.debtService.has(debtRow) ? `-${links.debtService.totalCell(debtRow)}` : '';
    const debt = e.financing.debts.find((d) => d.source.id === source.sourceId);
    const interest = debt ? totalOfYears(debt.capitalisedInterest) : new D(0);
    const balanceNote = interest.isZero() ? '' : `；另有资本化利息 ${wanText(interest)} 万元，融资安排所示余额 = 提款 + 资本化利息 plus ${wanText(interest)} 万元 capitalised interest: the facility's balance below`;
    line([`资金来源：${source.name}`, KIND_ZH[source.kind] ?? source.kind, { value: { formula: `${ip.totalCell(`source.${source.sourceId}`)}${capitalised}`, result: n(source.nominal) }, format: 'wan' }, `占建设投资 ${(n(source.share) * 100).toFixed(2)}% of 建设投资${balanceNote}`]);
  }

  const debts = e.financing.debts;
  section('五、融资安排 Facilities');
  if (debts.length === 0) line(['无债务融资 No loan or bond: funded by grants, contributions and equity']);
  else {
    writeTableHeader(sheet, row++, ['融资 Facility', '类型 Type', '余额 Balance（万元）', '期限 Tenor', '定价 Pricing', '还款方式 Repayment']);
    for (const d of debts) {
      const id = d.source.id;
      const drawn = d.draw.reduce((a, v) => a.plus(v), new D(0)).plus(d.capitalisedInterest.reduce((a, v) => a.plus(v), new D(0)));
      line([
        d.source.name, KIND_ZH[d.source.kind]!,
        { value: { formula: `${links.debtService.totalCell(`${id}.draw`)}+${links.debtService.totalCell(`${id}.capitalisedInterest`)}`, result: n(drawn) }, format: 'wan' },
        describeTenor(d.source, timeline.startYear), describePricing(d.source), describeRepayment(d.source),
      ]);
      const interest = totalOfYears(d.capitalisedInterest);
      if (!interest.isZero()) line(['', '其中 of which', `提款 drawn ${wanText(totalOfYears(d.draw))} + 资本化利息 capitalised interest ${wanText(interest)} = 余额 balance ${wanText(drawn)} 万元`]);
    }
    // Each facility's own cover after the order of service (methodology §11.9).
    row++;
    writeTableHeader(sheet, row++, ['融资 Facility', '覆盖指标 Cover measure', '数值 Value', '最低值年份 Year of the minimum', '口径 Basis', '低于约定的年份 Breach years']);
    for (const c of listFacilityCoverRows(e)) {
      const value: TableCell = c.value === null ? '—' : { value: n(c.value), format: c.format };
      line([c.facility, `${c.zh} ${c.en}`, value, c.year === null ? '' : String(c.year), c.basis, c.breachYears]);
    }
    // A bond's bullet years beside its own DSCR (methodology §10.13): the minimum outside them is the Checks sheet's live MIN.
    const bulletBonds = e.bonds.flatMap((b) => { const text = describeBulletReading(b.bullet); return text === null ? [] : [{ b, text }]; });
    if (bulletBonds.length > 0) {
      row++;
      writeTableHeader(sheet, row++, ['专项债券 Bond', '到期一次还本 Bullet years', '数值 Value', '年份 Year', '说明 Note', '']);
    }
    for (const { b, text } of bulletBonds) {
      const basis = '到期一次还本年由偿债资金账户累积余额偿还 bullets are repaid from the repayment account (methodology §10.13)';
      line([b.name, '到期一次还本年份 Bullet maturity years', b.bullet.bulletYears.join(', '), '', basis, '']);
      line([b.name, '到期一次还本年以外最低偿债备付率 Minimum DSCR outside the bullet years', linked(`bondMinDscrOutsideBullet.${b.id}`, b.bullet.minDscrExcludingBullet, 'ratio'), b.bullet.minDscrExcludingBulletYear === null ? '' : String(b.bullet.minDscrExcludingBulletYear), basis, '']);
      line([b.name, '偿债资金账户支付到期本金 Repayment account pays each bullet', text.paymentsZh, '', text.zh, '']);
    }
  }

  section('六、财务约定 Covenants（阈值为输入，状态为公式 thresholds are inputs, status is a formula）');
  writeTableHeader(sheet, row++, ['约定', 'Covenant', '阈值 Threshold', '测算值 Projected', '状态 Status']);
  const cov = deal.covenants;
  const covenant = (zh: string, en: string, threshold: string, key: string | null, value: D | null, format: FormatName, atMost = false) => {
    const r = row;
    line([zh, en, { value: Number(threshold), format }, key === null ? (value === null ? '—' : { value: n(value), format }) : linked(key, value, format)]);
    styleInput(sheet.getCell(r, 3));
    const projected = sheet.getCell(r, 4);
    if (value === null) sheet.getCell(r, 5).value = '不适用 n/a';
    else {
      // The engine's rule (covenant-rule.ts): met within the tolerance, so the cover agrees with the flags.
      const ok = atMost ? !isAboveCap(value, threshold) : !isBelowFloor(value, threshold);
      const test = atMost ? `D${r}<=C${r}+${links.covenantTolerance}` : `D${r}>=C${r}-${links.covenantTolerance}`;
      sheet.getCell(r, 5).value = { formula: `IF(${test},"满足 met","未满足 breached")`, result: ok ? '满足 met' : '未满足 breached' };
    }
    projected.numFmt = FORMAT[format];
  };
  if (debts.length > 0) {
    covenant('最低偿债备付率 DSCR ≥', 'Minimum DSCR', cov.minDscr, 'minDscr', m.minDscr, 'ratio');
    covenant('偿债备付率硬性下限 ≥', 'DSCR hard floor', cov.hardMinDscr, 'minDscr', m.minDscr, 'ratio');
    covenant('最低利息备付率 ICR ≥', 'Minimum ICR', cov.minIcr, 'minIcr', m.minIcr, 'ratio');
  }
  if (debts.some((d) => d.source.kind === 'special-bond')) {
    covenant('专项债券本息覆盖倍数（净） ≥', 'Bond coverage, net', cov.bondCoverage, 'bondCoverageNet', m.bondCoverageNet, 'ratio');
    covenant('全部债务本息覆盖倍数（净） ≥', 'All-debt coverage over the bonds\' life, net', cov.allDebtCoverage, null, e.debt.coverage.allDebtNet, 'ratio');
  }
  // Each loan's and bond's own covenants on its own cover after the facility order (methodology §11.9).
  for (const f of e.debt.facilities) {
    const source = deal.funding.sources.find((s) => s.id === f.sourceId);
    if (source?.kind !== 'bank-loan' && source?.kind !== 'special-bond') continue;
    const own = resolveFacilityCovenant(deal, source);
    const lowest = f.minDscrYear === null ? '' : `, lowest in ${f.minDscrYear}`;
    if (own.minDscr !== null) covenant(`${f.name}：本融资最低偿债备付率 ≥`, `Its own minimum DSCR (rank ${f.rank} in the order${lowest})`, own.minDscr, null, f.minDscr, 'ratio');
    if (own.minLlcr !== null) covenant(`${f.name}：本融资贷款期偿债覆盖率 ≥`, `Its own LLCR at its rate, from ${f.llcrYear ?? '—'}`, own.minLlcr, null, f.llcr, 'ratio');
  }
  covenant('项目资本金比例 ≥', 'Minimum equity ratio (国发〔2019〕26号)', cov.minEquityRatio, 'equityRatio', m.equityRatio, 'share');
  for (const d of debts) {
    if (d.source.kind === 'special-bond') covenant(`${d.source.name}：作资本金比例 ≤`, 'Bond as 项目资本金, at most (国办发〔2024〕52号)', cov.bondCapitalCap, null, new D(d.source.capitalShare), 'share', true);
  }

  section('七、增信措施 Security（拟议，以贷款人审批为准 proposed, subject to credit approval）');
  const pledged = deal.revenue.filter((r) => r.countsForDebtService).map((r) => r.name);
  if (debts.length === 0) line(['无债务，不设担保 No debt, no security']);
  else {
    line(['收益权质押', 'Pledge', `项目运营收益权质押：${pledged.join('、') || '（无可质押收入 none)'} — pledge of the operating income of these streams`]);
    line(['账户监管', 'Accounts', '项目收入归集账户及偿债准备金账户，由贷款人监管 revenue collection and debt-service reserve accounts controlled by the lenders']);
    if (debts.some((d) => d.source.kind === 'special-bond')) line(['自求平衡', 'Self-balancing', '项目收益优先偿付专项债券本息，不足部分由发行人财政承担（见财政视图） project income serves the bonds first; any shortfall is the issuer\'s (fiscal view)']);
  }

  section('八、补贴及返还 Subsidies and rebates（已列明、定期、封顶 explicit, dated and capped）');
  if (deal.operatingSupport.length === 0) line(['无 None']);
  else {
    writeTableHeader(sheet, row++, ['名称 Name', '类型 Kind', '层级 Level', '支付安排 Payments', '上限 Cap（万元）', '计税 Taxable']);
    for (const o of deal.operatingSupport) {
      line([o.name, SUPPORT_ZH[o.kind], GOVERNMENT_LEVEL_ZH[o.level], o.payments.map((p) => `${p.year}: ${wanText(new D(p.amount))}`).join('；'), { value: Number(o.cap), format: 'wan' }, o.taxable ? '应税 taxable' : '不征税收入 non-taxable']);
    }
  }

  section('九、居民出资 Resident contributions');
  const residents = sources.filter((x): x is Extract<FundingSource, { kind: 'residents' }> => x.kind === 'residents');
  if (residents.length === 0) line(['无居民出资 No resident contribution']);
  for (const r of residents) {
    const basis = r.perM2 ? `按面积 ${r.perM2} 元/㎡` : r.perHousehold ? `按户 ${r.perHousehold} 元/户` : r.amount ? `定额 ${wanText(new D(r.amount))} 万元` : '按电梯分摊规则 by the elevator rules';
    const nominal = e.contributions.bySource.find((b) => b.sourceId === r.id)?.nominal ?? new D(0);
    line([r.name, MEANS_ZH[r.means], { value: n(nominal), format: 'wan' }, basis]);
  }
  if (residents.length > 0) line(['居民出资合计', 'Residents in all', linked('residentsTotal', e.contributions.byParty.find((p) => p.party === 'residents')!.nominal, 'wan'), '见出资分担 see Contributions']);
  const perHousehold = e.contributions.perHousehold?.find((p) => p.party === 'residents');
  if (perHousehold && !perHousehold.amount.isZero()) line(['户均居民出资', 'Per household', { value: n(perHousehold.amount), format: 'yuan' }, '元/户']);

  section('十、关键指标 Key indicators（链接至校验表的公式值 linked to the live values of the Checks sheet）');
  writeTableHeader(sheet, row++, ['指标', 'Indicator', '数值 Value', '说明 Note']);
  const indicator = (zh: string, en: string, key: keyof typeof m, format: FormatName) => line([zh, en, linked(key, m[key], format), e.metricNotes[key] ?? '']);
  indicator('项目投资财务内部收益率（税后，项目法人口径）', 'Project FIRR after tax (project entity scope)', 'projectIrrAfterTax', 'rate');
  indicator('项目投资财务内部收益率（税前，项目法人口径）', 'Project FIRR before tax (project entity scope)', 'projectIrrPreTax', 'rate');
  indicator(`项目投资财务净现值（税后，i=${(n(m.discountRate) * 100).toFixed(2)}%，项目法人口径）`, 'Project FNPV after tax (project entity scope)', 'projectNpvAfterTax', 'wan');
  indicator('全口径财务内部收益率（税后）', 'Programme FIRR after tax (every work, whoever pays)', 'programmeIrrAfterTax', 'rate');
  indicator(`全口径财务净现值（税后，i=${(n(m.discountRate) * 100).toFixed(2)}%）`, 'Programme FNPV after tax (every work)', 'programmeNpvAfterTax', 'wan');
  indicator('静态投资回收期（年，税后）', 'Static payback (years)', 'paybackStaticYears', 'years');
  indicator('动态投资回收期（年，税后）', 'Dynamic payback (years)', 'paybackDynamicYears', 'years');
  indicator('项目资本金内部收益率', 'Equity IRR', 'equityIrr', 'rate');
  indicator('最低偿债备付率', 'Minimum DSCR', 'minDscr', 'ratio');
  indicator('贷款期偿债覆盖率', 'LLCR', 'llcr', 'ratio');
  indicator('专项债券本息覆盖倍数（净）', 'Bond coverage, net', 'bondCoverageNet', 'ratio');
  indicator('项目资本金比例', 'Equity ratio', 'equityRatio', 'share');
  indicator('自平衡率', 'Self-financing ratio', 'selfFinancingRatio', 'share');
  line(['政府出资合计', 'Government contributions', linked('governmentTotal', e.contributions.byParty.find((p) => p.party === 'government')!.nominal, 'wan'), '含专项债券 incl. special bonds']);

  section('十一、先决条件及待定事项 Conditions and open points');
  writeTableHeader(sheet, row++, ['事项 Point', '涉及 Concerns', '说明 Details', '', '', '代码 Code（供建模 for modellers）']);
  line(['实施主体待确认 Implementing body to confirm', '参与方 parties', '实施主体及授权文件待确认 confirm the implementing body and its mandate', '', '', 'IMPLEMENTING_BODY · place']);
  if (debts.length > 0) line(['融资审批 Credit approval', '资金筹措 funding', '融资条件以贷款人授信审批及债券发行批复为准 facilities subject to credit approval and bond issuance approval', '', '', 'CREDIT_APPROVAL · funding']);
  for (const w of e.warnings) {
    const { sentence, concerns } = describeWarning(w);
    // The details span C:E (fitCoverRow merges a text over the empty cells after it and fits the row to that width).
    line([`提示 Warning ${e.warnings.indexOf(w) + 1}`, concerns, sentence, '', '', `${w.code} · ${w.path}`]);
  }

  // About 170 characters across: A4 landscape at a scale that prints the 11 pt text at about 9 pt.
  const widths = [26, 24, 17, 30, 32, 40];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (let r = 1; r < row; r++) {
    sheet.getRow(r).alignment = { wrapText: true, vertical: 'top' };
    fitCoverRow(sheet, r, widths);
  }
  sheet.getRow(1).height = 26;
  setUpPrinting(sheet, `A1:F${row - 1}`);
}

/** A 元 amount as 万元 shown to two decimals: a formula divided by the Inputs' 元-per-万元 cell; a plain input value as its 万元 value. */
function showInWan(cell: TableCell, yuanPerWan: string): TableCell {
  if (cell === null || typeof cell !== 'object' || !('format' in cell) || cell.format !== 'wan') return cell;
  const value = cell.value;
  if (typeof value === 'number') return { value: new D(value).div(10_000).toNumber(), format: 'wanAmount' };
  if (value !== null && typeof value === 'object' && 'formula' in value && typeof value.result === 'number') {
    return { value: { formula: `(${value.formula})/${yuanPerWan}`, result: value.result / 10_000 }, format: 'wanAmount' };
  }
  return cell;
}

/**
 * Row height for wrapped text: spreadsheets do not grow a row to fit text written by a program, so
 * the cover sets it from the longest cell (print-setup.ts fitRowHeight: a CJK character two columns
 * wide, 15 points a line). A text cell followed by empty cells spans them (merged), so nothing is
 * clipped at its column's edge and the height is worked out on the width it really has.
 */
function fitCoverRow(sheet: Worksheet, row: number, widths: number[]): void {
  const r = sheet.getRow(row);
  const isEmpty = (column: number) => {
    const v = r.getCell(column).value;
    return v === null || v === undefined || v === '';
  };
  const cells: Array<[string, number]> = [];
  for (let column = 1; column <= widths.length; column++) {
    const value = r.getCell(column).value;
    if (typeof value !== 'string' || value === '') continue;
    let last = column;
    while (last < widths.length && isEmpty(last + 1)) last++;
    if (last > column && !r.getCell(column).isMerged) sheet.mergeCells(row, column, row, last);
    cells.push([value, widths.slice(column - 1, last).reduce((a, b) => a + b, 0)]);
    column = last;
  }
  const size = Math.max(11, Number(r.getCell(1).font?.size ?? 11));
  r.height = Math.max(r.height ?? 0, (fitRowHeight(cells) * size) / 11);
}

const totalOfYears = (values: readonly D[]) => values.reduce((a, v) => a.plus(v), new D(0));

/** A 元 amount as 万元 text to two decimals, rounded half-even in decimal (never in binary floating point). */
function wanText(yuan: D): string {
  return formatWan(Number(yuan.div(10_000).toFixed(2)));
}
