import type { Deal } from '../deal/deal-schema.js';

/** What a part of the deal is called: the sections at the top and the fields within them (Chinese, English). */
const SECTION: Record<string, readonly [string, string]> = {
  place: ['地点', 'Place'], timeline: ['期间', 'Timeline'], scope: ['改造范围', 'Scope'], capex: ['建设投资', 'Capex'],
  revenue: ['收入', 'Revenue'], opex: ['经营成本', 'Opex'], funding: ['资金来源', 'Funding'], tax: ['税费', 'Tax'],
  fiscal: ['财政视图', 'Fiscal view'], covenants: ['财务约定', 'Covenants'], indicators: ['指标', 'Indicators'],
  workingCapital: ['流动资金', 'Working capital'], handBack: ['移交', 'Hand-back'], operatingSupport: ['运营补贴', 'Operating support'],
  bonds: ['专项债券', 'Special bonds'], batches: ['发行批次', 'Batches'], payments: ['支付', 'Payments'], rules: ['分摊规则', 'Split rules'],
  escalation: ['调价', 'Escalation'], fixed: ['固定成本', 'Fixed'], percentOfRevenue: ['按收入比例', 'Share of revenue'], percentOfCapex: ['按投资比例', 'Share of capex'],
  majorMaintenance: ['大修及更新', 'Major maintenance'], sources: ['', ''], vat: ['增值税', 'VAT'], inputs: ['公式输入', 'Formula inputs'], earmarked: ['专项收入', 'Earmarked income'],
};

const FIELD: Record<string, string> = {
  schemaVersion: '格式版本', id: '编号', name: '名称', nameEn: '英文名称', province: '省', city: '市', district: '区', subdistrict: '街道', community: '社区',
  startYear: '起始年', constructionYears: '建设期（年）', operatingYears: '运营期（年）', capexPhasing: '建设投资分年比例',
  households: '户数', buildings: '楼栋数', floorAreaM2: '建筑面积（㎡）', parkingSpaces: '停车位', stairwells: '单元数', residents: '居民人数', elevators: '电梯数',
  amount: '金额（元）', operatingYear: '运营年', residualValue: '余值（元）', category: '类别', kind: '类型', owner: '产权归属', utility: '专营单位',
  inputVatRate: '进项税率', amortiseAsConcession: '按特许经营权摊销', depreciationYears: '折旧年限', units: '数量', rate: '利率', spread: '加点',
  lpr: 'LPR', tenorYears: '期限（年）', graceYears: '宽限期（年）', couponRate: '票面利率', capitalShare: '计作资本金比例', issuanceCostRate: '发行费率',
  interestFrequency: '付息频率', share: '比例', level: '政府层级', grantType: '补助类型', nonTaxable: '不征税收入', lender: '贷款人', investor: '投资人',
  stream: '收入流', streams: '收入流', costs: '成本', driver: '驱动方式', formula: '公式', occupancy: '使用率', rampUp: '爬坡', collectionRate: '收缴率',
  monthlyFee: '月费（元）', averagePrice: '均价（元）', spaces: '车位数', panels: '广告位数', sites: '点位数', chargers: '充电桩数', ports: '端口数',
  annualAmount: '年金额（元）', annualSpend: '年支出（元）', everyYears: '每隔年数', year: '年份', cap: '上限（元）', taxable: '应税', basis: '基准',
  incomeTaxRate: '所得税税率', urbanMaintenanceRate: '城市维护建设税税率', educationSurchargeRate: '教育费附加费率', localEducationSurchargeRate: '地方教育附加费率',
  lossCarryForwardYears: '亏损结转年限', communityCareIncomeShare: '社区养老托育收入计入比例', communityCareIncentiveUntilYear: '社区养老托育优惠截止年',
  statutoryReserveRate: '法定盈余公积比例', adjustedTaxUsesLossCarryForward: '调整所得税考虑亏损结转', vatCentralShare: '增值税中央分成', incomeTaxCentralShare: '所得税中央分成',
  localTaxLevel: '地方税收归属层级', minDscr: '最低 DSCR', hardMinDscr: 'DSCR 硬性下限', minIcr: '最低 ICR', bondCoverage: '专项债本息覆盖倍数下限',
  allDebtCoverage: '全部债务覆盖倍数下限', minEquityRatio: '最低资本金比例', bondCapitalCap: '专项债作资本金上限', discountRate: '基准收益率', breakEvenRate: '盈亏平衡目标收益率',
  pricesIncludeVat: '价格含税', taxIncentive: '税收优惠', countsForDebtService: '计入偿债资金', startOperatingYear: '开始运营年', openingYear: '投运年份（分期投运）', percentOfCapex: '占建设投资比例',
  replacesCapex: '更新对象', civilWorksShare: '土建比例', utilityShare: '专营单位比例', providentFundShare: '公积金比例', floors: '楼层数', floorCoefficients: '楼层系数',
  householdsPerFloor: '每层户数', capPerElevator: '每部补贴上限（元）', minFloors: '最低楼层', profitShare: '利润分成', commission: '佣金比例', grossMargin: '毛利率',
  monthlyRentPerM2: '月租金（元/㎡）', areaM2: '面积（㎡）', annualRentPerPanel: '每块年租金（元）', annualFeePerSite: '每点年费（元）', baseFee: '基础费（元）',
  serviceFeePerKwh: '服务费（元/kWh）', kwhPerChargerPerDay: '每桩日电量（kWh）', revenuePerPortDay: '每端口日收入（元）', daysPerYear: '年天数', mealsPerDay: '日餐数',
  foodCostShare: '食材成本比例', foodCostInputVatRate: '食材进项税率', penetration: '渗透率', governmentSource: '政府资金来源', governmentLevel: '政府层级',
  targetDscr: '目标 DSCR', bondYear: '债券年度', alsoServes: '同时偿还', sharedCosts: '共用成本', treatment: '处理方式', means: '方式', items: '工程', item: '工程',
  members: '成员', owners: '权属', utilities: '专营单位', categories: '类别', incomeTax: '所得税',
  constructionCoupons: '建设期利息支付方', serviceOrder: '偿债顺序',
};

/** `parkingSpaces` → `parking spaces`. */
const humanise = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

type Part = { key: string } | { index: number };

function splitPath(path: string): Part[] {
  const parts: Part[] = [];
  for (const token of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) parts.push(token.startsWith('[') ? { index: Number(token.slice(1, -1)) } : { key: token });
  return parts;
}

/**
 * A deal input's path (`capex[0].amount`) as labels a reader knows: the element by its own name
 * (`供水管网及水表改造`), then the field (`金额（元）` / `amount`). The path itself stays beside them on
 * the Inputs sheet for modellers.
 */
export function labelInputPath(deal: Deal, path: string): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  let node: unknown = deal;
  for (const part of splitPath(path)) {
    if ('index' in part) {
      node = Array.isArray(node) ? node[part.index] : undefined;
      const named = node !== null && typeof node === 'object' ? (node as { name?: unknown; id?: unknown }) : undefined;
      const title = typeof named?.name === 'string' ? named.name : typeof named?.id === 'string' ? named.id : `${part.index + 1}`;
      const isLeafList = named === undefined;
      zh.push(isLeafList ? `第 ${part.index + 1} 项` : title);
      en.push(isLeafList ? `#${part.index + 1}` : title);
      continue;
    }
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part.key] : undefined;
    const section = SECTION[part.key];
    zh.push(section ? section[0] : FIELD[part.key] ?? part.key);
    en.push(section ? section[1] : humanise(part.key));
  }
  return { zh: zh.filter((t) => t !== '').join(' · '), en: en.filter((t) => t !== '').join(' · ') };
}
