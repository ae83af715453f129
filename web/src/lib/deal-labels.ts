import type { Language } from './i18n.js';
import { WARNING_MEANINGS } from '../../../src/engine/warning-meanings.js';

/** Chinese and English labels of the deal's keys (the form is built from the deal's shape, labelled from here). */
const KEY_LABELS: Record<string, [string, string]> = {
  name: ['名称', 'Name'], nameEn: ['英文名称', 'English name'], id: ['编号', 'Id'], place: ['地点', 'Place'], province: ['省', 'Province'], city: ['市', 'City'], district: ['区县', 'District'],
  timeline: ['时间安排', 'Timeline'], startYear: ['开工年份', 'Start year'], constructionYears: ['建设期（年）', 'Construction years'], operatingYears: ['运营期（年）', 'Operating years'], capexPhasing: ['建设投资分年比例', 'Capex phasing'],
  scope: ['改造范围', 'Scope'], buildings: ['楼栋数', 'Buildings'], floorAreaM2: ['建筑面积', 'Floor area'], households: ['户数', 'Households'], parkingSpaces: ['停车位', 'Parking spaces'], residents: ['居民人数', 'Residents'],
  capex: ['建设投资（工程费用）', 'Capex items'], amount: ['金额', 'Amount'], category: ['类别', 'Category'], kind: ['类型', 'Kind'], owner: ['产权归属', 'Owner'], utility: ['管线类别', 'Utility'], inputVatRate: ['进项税率', 'Input VAT rate'], amortiseAsConcession: ['按特许经营权摊销', 'Amortise as concession'],
  revenue: ['收入项', 'Revenue streams'], driver: ['收入类型', 'Driver'], monthlyFee: ['月费', 'Monthly fee'], occupancy: ['使用率（逐年）', 'Occupancy (by year)'], spaces: ['车位数', 'Spaces'], startOperatingYear: ['起始运营年', 'First operating year'], countsForDebtService: ['计入偿债收入', 'Counts for debt service'], taxIncentive: ['税收优惠', 'Tax incentive'], vat: ['增值税', 'VAT'], pricesIncludeVat: ['价格含税', 'Prices include VAT'], areaM2: ['面积', 'Area'], rentPerM2Month: ['月租金', 'Monthly rent'], escalation: ['调价', 'Escalation'], everyYears: ['每隔（年）', 'Every (years)'], rate: ['比率', 'Rate'],
  opex: ['运营成本', 'Opex'], fixed: ['固定成本', 'Fixed costs'], annualAmount: ['年金额', 'Annual amount'], majorMaintenance: ['大修', 'Major maintenance'], variable: ['变动成本', 'Variable costs'],
  funding: ['资金筹措', 'Funding'], sources: ['资金来源', 'Sources'], rules: ['分摊规则', 'Rules'], fill: ['补足顺序', 'Fill order'], items: ['适用工程', 'Items'], owners: ['适用产权', 'Owners'], source: ['来源', 'Source'], share: ['比例', 'Share'], level: ['政府层级', 'Level'],
  bonds: ['专项债券', 'Bonds'], loans: ['贷款', 'Loans'], termYears: ['期限（年）', 'Term (years)'], graceYears: ['宽限期（年）', 'Grace (years)'], repayment: ['还款方式', 'Repayment'], profitShare: ['分红比例', 'Profit share'], investor: ['投资人', 'Investor'],
  operatingSupport: ['运营补贴', 'Operating support'], covenants: ['约束条件', 'Covenants'], minDscr: ['DSCR 下限', 'Minimum DSCR'], hardMinDscr: ['DSCR 硬下限', 'Hard minimum DSCR'], minIcr: ['ICR 下限', 'Minimum ICR'], bondCoverage: ['专项债覆盖倍数下限', 'Bond coverage'], allDebtCoverage: ['全部债务覆盖倍数下限', 'All-debt coverage'], minEquityRatio: ['资本金比例下限', 'Minimum equity ratio'], bondCapitalCap: ['专项债作资本金上限', 'Bond-as-equity cap'],
  tax: ['税费', 'Tax'], incomeTaxRate: ['企业所得税率', 'Income tax rate'], educationSurchargeRate: ['教育费附加率', 'Education surcharge'], localEducationSurchargeRate: ['地方教育附加率', 'Local education surcharge'], urbanMaintenanceRate: ['城市维护建设税率', 'Urban maintenance tax'], statutoryReserveRate: ['法定盈余公积比例', 'Statutory reserve'], lossCarryForwardYears: ['亏损结转年限', 'Loss carry-forward years'], adjustedTaxUsesLossCarryForward: ['调整所得税考虑亏损结转', 'Adjusted tax uses loss carry-forward'], communityCareIncentiveUntilYear: ['社区养老托育优惠截止年', 'Community-care incentive until'], communityCareIncomeShare: ['社区养老托育收入计入比例', 'Community-care income share'],
  discountRate: ['基准收益率（折现率）', 'Discount rate'], fiscal: ['财政分成', 'Fiscal'], incomeTaxCentralShare: ['所得税中央分成', 'Income tax central share'], vatCentralShare: ['增值税中央分成', 'VAT central share'], localTaxLevel: ['地方税收入库层级', 'Local tax level'],
  handBack: ['期末移交', 'Hand-back'], residualValue: ['残值', 'Residual value'], workingCapital: ['流动资金', 'Working capital'], operatingYear: ['运营年', 'Operating year'], indicators: ['指标参数', 'Indicator settings'], breakEvenRate: ['盈亏平衡折现率', 'Break-even rate'],
  meta: ['说明与来源', 'Description and sources'], description: ['说明', 'Description'], archetype: ['原型', 'Archetype'], schemaVersion: ['数据版本', 'Schema version'],
};

/** The label of a key in the language; unknown keys show as written. */
export function labelKey(key: string, language: Language): string {
  const label = KEY_LABELS[key];
  return label ? label[language === 'en' ? 1 : 0] : key;
}

/** Keys whose values are rates: typed in %, stored as decimals. */
const PERCENT_KEY = /(rate|Rate|Share|share|occupancy|Occupancy|capexPhasing|Cap$|Ratio$|Limit$)/;
const NOT_PERCENT = /(Dscr|Icr|Coverage|Years|Year$)/;
export const isPercentKey = (key: string) => PERCENT_KEY.test(key) && !NOT_PERCENT.test(key);

/** The unit shown beside a field. */
export function unitOfKey(key: string, language: Language): string {
  if (isPercentKey(key)) return '%';
  if (/M2$/.test(key)) return '㎡';
  if (/Years$|Year$/.test(key) && key !== 'startYear') return language === 'en' ? 'years' : '年';
  if (/[Aa]mount$|Value$|Fee$|PerM2Month$|price|Price/.test(key)) return key.endsWith('Fee') ? (language === 'en' ? 'CNY / month' : '元/月') : '元';
  return '';
}

/** Key indicators: name, how to show it, and its meaning on hover. */
export const METRICS: { key: string; zh: string; en: string; format: 'percent' | 'wan' | 'ratio' | 'years'; meaning: [string, string] }[] = [
  { key: 'projectIrrAfterTax', zh: '项目投资财务内部收益率（税后）', en: 'Project IRR (after tax)', format: 'percent', meaning: ['项目法人口径（methodology §9.1）：使项目投资现金流量表税后净现金流现值为零的折现率', 'Project-entity scope (methodology §9.1): the rate at which the after-tax project cash flows have zero present value'] },
  { key: 'projectIrrPreTax', zh: '项目 IRR（税前）', en: 'Project IRR (pre-tax)', format: 'percent', meaning: ['所得税前的项目内部收益率', 'Project IRR before income tax'] },
  { key: 'programmeIrrAfterTax', zh: '项目 IRR（全口径，税后）', en: 'Programme IRR (after tax)', format: 'percent', meaning: ['全口径（不论谁出资的全部工程，methodology §9.1）税后项目投资现金流的内部收益率：政府看整个改造的回报', 'After-tax IRR of every work whoever pays for it (programme scope, methodology §9.1): the return of the whole renovation, for the government'] },
  { key: 'programmeNpvAfterTax', zh: '项目财务净现值（全口径，税后，万元）', en: 'Programme NPV after tax (10k CNY)', format: 'wan', meaning: ['全口径税后净现金流按基准收益率折现之和', 'Programme-scope after-tax net cash flows discounted at the discount rate'] },
  { key: 'equityIrr', zh: '资本金内部收益率', en: 'Equity IRR', format: 'percent', meaning: ['资本金现金流量表的内部收益率：股东的回报', 'IRR of the equity cash flow: what the shareholders earn'] },
  { key: 'projectNpvAfterTax', zh: '项目财务净现值（税后，万元）', en: 'Project NPV after tax (10k CNY)', format: 'wan', meaning: ['按基准收益率折现的税后净现金流之和', 'After-tax net cash flows discounted at the discount rate'] },
  { key: 'paybackStaticYears', zh: '静态投资回收期（年）', en: 'Static payback (years)', format: 'years', meaning: ['累计税后净现金流由负转正所需年数（含建设期）', 'Years until the cumulative after-tax cash flow turns positive (construction included)'] },
  { key: 'minDscr', zh: '最低偿债备付率 DSCR', en: 'Minimum DSCR', format: 'ratio', meaning: ['可用于还本付息的资金 ÷ 当期应还本付息额，运营期最低值', 'Cash available for debt service ÷ debt service, lowest operating year'] },
  { key: 'avgDscr', zh: '平均 DSCR', en: 'Average DSCR', format: 'ratio', meaning: ['有还本付息年份的 DSCR 平均值', 'Average DSCR over years with debt service'] },
  { key: 'llcr', zh: '贷款期覆盖率 LLCR', en: 'LLCR', format: 'ratio', meaning: ['运营开始时，贷款期内 CFADS 现值 ÷ 未偿债务', 'At the start of operation: PV of CFADS over the loan life ÷ debt outstanding'] },
  { key: 'minIcr', zh: '最低利息备付率 ICR', en: 'Minimum ICR', format: 'ratio', meaning: ['息税前利润 ÷ 当期应付利息，最低值', 'EBIT ÷ interest due, lowest year'] },
  { key: 'bondCoverageNet', zh: '专项债本息覆盖倍数（净）', en: 'Bond coverage (net)', format: 'ratio', meaning: ['偿债收入扣除运营成本后 ÷ 专项债本息', 'Debt-service revenue less operating cost ÷ bond principal and interest'] },
  { key: 'totalInvestment', zh: '总投资（万元）', en: 'Total investment (10k CNY)', format: 'wan', meaning: ['建设投资 + 建设期利息 + 流动资金', 'Construction investment + construction interest + working capital'] },
  { key: 'selfFinancingRatio', zh: '自我平衡率', en: 'Self-financing ratio', format: 'percent', meaning: ['项目收益可承担的投资占比', 'Share of the investment the project\'s own income carries'] },
];

/** Warning codes in words, from the table the term sheet uses too (the engine's message follows for the detail). */
export function describeWarning(code: string, language: Language): string {
  const words = WARNING_MEANINGS[code];
  if (words) return words[language === 'en' ? 1 : 0];
  return code.toLowerCase().replace(/_/g, ' ');
}

const PARTY: Record<string, [string, string]> = {
  government: ['政府', 'Government'], utility: ['专营单位', 'Utilities'], 'property-rights-unit': ['产权单位', 'Property-rights units'], residents: ['居民', 'Residents'], investor: ['社会资本', 'Investors'], donor: ['社会捐赠', 'Donors'],
  central: ['中央', 'Central'], provincial: ['省级', 'Provincial'], municipal: ['市级', 'Municipal'], district: ['区县级', 'District'],
  basic: ['基础类', 'Basic'], improvement: ['完善类', 'Improvement'], enhancement: ['提升类', 'Enhancement'],
};
export function labelParty(value: string, language: Language): string {
  const words = PARTY[value];
  return words ? words[language === 'en' ? 1 : 0] : value;
}

/** The decision tools' indicators (src/analysis/indicators.ts) and simulation probabilities in words. */
const INDICATOR_WORDS: Record<string, [string, string]> = {
  equityIrr: ['资本金 IRR', 'Equity IRR'], projectIrrAfterTax: ['项目 IRR（税后）', 'Project IRR (after tax)'], projectIrrPreTax: ['项目 IRR（税前）', 'Project IRR (pre-tax)'],
  projectNpvAfterTax: ['项目净现值（税后）', 'Project NPV (after tax)'], projectNpvPreTax: ['项目净现值（税前）', 'Project NPV (pre-tax)'], cumulativeCashFlowAfterTax: ['期末累计税后净现金流', 'Cumulative after-tax cash flow'],
  minDscr: ['最低 DSCR', 'Minimum DSCR'], avgDscr: ['平均 DSCR', 'Average DSCR'], llcr: ['LLCR', 'LLCR'], minIcr: ['最低 ICR', 'Minimum ICR'],
  bondCoverageNet: ['专项债覆盖倍数（净）', 'Bond coverage (net)'], bondCoverageGross: ['专项债覆盖倍数（毛）', 'Bond coverage (gross)'], allDebtCoverageNet: ['全部债务覆盖倍数（净）', 'All-debt coverage (net)'], allDebtCoverageGross: ['全部债务覆盖倍数（毛）', 'All-debt coverage (gross)'],
  minDscrBelow1: ['最低 DSCR < 1 的概率', 'P(minimum DSCR < 1)'], bondCoverageBelow1_1: ['专项债覆盖倍数 < 1.1 的概率', 'P(bond coverage < 1.1)'], allDebtCoverageBelow1_2: ['全部债务覆盖倍数 < 1.2 的概率', 'P(all-debt coverage < 1.2)'],
  equityIrrBelowTarget: ['资本金 IRR 低于目标的概率', 'P(equity IRR below target)'], projectIrrBelowTarget: ['项目 IRR 低于目标的概率', 'P(project IRR below target)'],
  revenue: ['收入', 'Revenue'], capex: ['建设投资', 'Capex'], opex: ['运营成本', 'Opex'], 'interest-rate': ['贷款利率', 'Loan rates'], 'interest-rate-shift': ['利率平移', 'Rate shift'], 'construction-delay': ['建设延期', 'Construction delay'], 'operating-period': ['运营期', 'Operating period'], price: ['价格', 'Price'], volume: ['数量', 'Volume'],
};

export function labelIndicator(name: string, language: Language): string {
  const words = INDICATOR_WORDS[name];
  return words ? words[language === 'en' ? 1 : 0] : name;
}

/** A driver's name (`price:fz-parking-community`) in words, the stream by its name in the deal. */
export function labelDriver(name: string, deal: { revenue?: { id: string; name: string }[] }, language: Language): string {
  const [driver = name, stream] = name.split(':');
  const streamName = stream ? deal.revenue?.find((s) => s.id === stream)?.name ?? stream : '';
  return streamName ? `${labelIndicator(driver, language)} · ${streamName}` : labelIndicator(driver, language);
}
