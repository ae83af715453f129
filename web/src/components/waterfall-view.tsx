import { useMemo } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { buildWaterfallOption } from '../lib/chart-options.js';
import { formatPercent, formatWan, sumMoney } from '../lib/decimal-text.js';
import { buildSweepStatement } from '../lib/sweep-statement.js';
import { Chart } from './chart.js';
import { StatementTable } from './results-view.js';

const WORDS = {
  title: ['现金流瀑布：偿债准备金、锁定与利润分配', 'Cash waterfall: reserves, lock-up and distributions'],
  chart: ['应付利润与准备金余额（万元）', 'Distributions and reserve balances (10k CNY)'],
  lockUpYears: ['锁定年份（DSCR 低于锁定下限，不分配）', 'Lock-up years (DSCR below the lock-up floor, nothing distributed)'],
  blockedYears: ['应分未分年份（锁定或无可用现金）', 'Years a distribution was due but blocked (lock-up or no cash)'],
  dsraDrawYears: ['动用偿债准备金年份', 'Years the DSRA was drawn'],
  survivalFailures: ['财务生存能力不足年份（需临时借款）', 'Years failing financial survival (short-term borrowing needed)'],
  distributed: ['应付利润合计（万元）', 'Distributions in total (10k CNY)'],
  returnsIrr: ['资本金 IRR（按实际分配）', 'Equity IRR on distributions'],
  freeCashIrr: ['资本金 IRR（按自由现金，资本金现金流量表）', 'Equity IRR on free cash (equity cash flow)'],
  shortTermRate: ['临时借款利率', 'Short-term borrowing rate'],
  none: ['无', 'none'],
  locked: ['锁定', 'locked'],
  lockedRow: ['锁定（不分配）', 'Locked up (no distribution)'],
  investor: ['股东', 'Shareholder'],
  share: ['分配比例', 'Share'],
  shareholders: ['各股东的分配与回报', 'Each shareholder\'s distributions and return'],
  dsra: ['偿债准备金余额', 'DSRA balance'],
  mmra: ['大修准备金余额', 'MMRA balance'],
  shortTerm: ['临时借款余额', 'Short-term borrowing'],
  distributions: ['应付利润', 'Distributions'],
  sweepTitle: ['现金流量扫款', 'Cash sweep'],
  sweepLoan: ['扫款偿还的贷款', 'Loan the sweep prepays'],
  sweepOrder: ['各笔扫款（按条款顺序，各取当年可用现金的约定比例）', 'Each sweep (in the term sheet\'s order, each its share of the year\'s available cash)'],
  sweepShare: ['扫款比例（可用现金）', 'Share of available cash swept'],
  sweepMode: ['扫款方式', 'Mode'],
  shorten: ['缩短期限（每期还本不变）', 'Shorten (scheduled principal unchanged)'],
  reamortise: ['重新摊还（期限不变）', 'Re-amortise (same final maturity)'],
  swept: ['扫款提前还本合计（万元）', 'Swept prepayments in total (10k CNY)'],
} as const;

/** The waterfall's yearly rows: [key, 中文, English, flows (with a total) or balances (none), always shown]. */
const ROWS: [string, (w: any) => string[], string, string, 'flow' | 'balance', boolean][] = [
  ['cashBefore', (w) => w.cashBefore, '瀑布前当年净现金流', 'Cash of the year before the waterfall', 'flow', true],
  ['shortTerm.interest', (w) => w.shortTerm.interest, '临时借款利息', 'Short-term borrowing interest', 'flow', false],
  ['shortTerm.repaid', (w) => w.shortTerm.repaid, '偿还临时借款', 'Short-term borrowing repaid', 'flow', false],
  ['dsra.target', (w) => w.dsra.target, '偿债准备金（DSRA）目标', 'DSRA target', 'balance', false],
  ['dsra.equityAtClose', (w) => w.dsra.equityAtClose, '偿债准备金（资本金投入）', 'DSRA funded at close (equity)', 'flow', false],
  ['dsra.deposit', (w) => w.dsra.deposit, '偿债准备金存入', 'DSRA deposit', 'flow', false],
  ['dsra.release', (w) => w.dsra.release, '偿债准备金释放', 'DSRA release', 'flow', false],
  ['dsra.draw', (w) => w.dsra.draw, '偿债准备金动用', 'DSRA drawn', 'flow', false],
  ['dsra.closing', (w) => w.dsra.closing, '偿债准备金余额', 'DSRA balance', 'balance', true],
  ['mmra.target', (w) => w.mmra.target, '大修准备金（MMRA）目标', 'MMRA target', 'balance', false],
  ['mmra.deposit', (w) => w.mmra.deposit, '大修准备金存入', 'MMRA deposit', 'flow', false],
  ['mmra.release', (w) => w.mmra.release, '大修准备金释放', 'MMRA release', 'flow', false],
  ['mmra.closing', (w) => w.mmra.closing, '大修准备金余额', 'MMRA balance', 'balance', true],
  ['distributableProfit', (w) => w.distributableProfit, '可供分配利润', 'Distributable profit', 'flow', true],
  ['distributions', (w) => w.distributions, '应付利润（分配）', 'Distributions (profit paid)', 'flow', true],
  ['undistributed', (w) => w.undistributed, '未分配利润（累计）', 'Undistributed profit (to date)', 'balance', true],
  ['shortTerm.drawn', (w) => w.shortTerm.drawn, '借入临时借款', 'Short-term borrowing drawn', 'flow', false],
  ['shortTerm.closing', (w) => w.shortTerm.closing, '临时借款余额', 'Short-term borrowing outstanding', 'balance', false],
  ['freeCash', (w) => w.freeCash, '年末自由现金（准备金外）', 'Free cash at year end (outside the reserves)', 'balance', true],
];

const isZero = (v: string) => /^-?0(\.0*)?$/.test(v);

/**
 * The cash waterfall of methodology §11.6 for the lender: the years locked up or blocked, the DSRA and
 * MMRA balances, 临时借款, 应付利润 and each shareholder's return on what it actually receives (§11.7).
 * A row that is zero in every year (a reserve the deal does not hold) is left out unless it is a key row.
 */
export function WaterfallView({ result }: { result: any }) {
  const { language } = useApp();
  const en = language === 'en';
  const w = (k: keyof typeof WORDS) => WORDS[k][en ? 1 : 0];
  const waterfall = result.waterfall;
  const years: string[] = result.years.map((y: any) => String(y.calendarYear ?? y));
  const option = useMemo(() => buildWaterfallOption(result, language, { distributions: w('distributions'), dsra: w('dsra'), mmra: w('mmra'), shortTerm: w('shortTerm') }), [result, language]);
  const listYears = (list: number[]) => (list.length === 0 ? w('none') : list.join(en ? ', ' : '、'));
  const locked = new Set<number>(waterfall.lockUpYears);
  const statement = {
    key: 'waterfall',
    zh: '现金流瀑布（万元）',
    en: 'Cash waterfall (10k CNY)',
    rows: [
      ...ROWS.map(([key, read, zh, english, kind, always]) => ({ key, no: '', zh, en: english, values: read(waterfall), total: kind === 'flow' ? sumMoney(read(waterfall)) : undefined, always }))
        .filter((row) => row.always || !row.values.every(isZero)),
      { key: 'lockedUp', no: '', zh: WORDS.lockedRow[0], en: WORDS.lockedRow[1], unit: 'text', values: result.years.map((y: any) => (locked.has(y.calendarYear) ? w('locked') : '')), total: undefined },
    ],
  };
  const facts: [string, string, string][] = [
    ['lockUpYears', w('lockUpYears'), listYears(waterfall.lockUpYears)],
    ['blockedYears', w('blockedYears'), listYears(waterfall.blockedYears)],
    ['dsraDrawYears', w('dsraDrawYears'), listYears(waterfall.dsraDrawYears)],
    ['survivalFailures', w('survivalFailures'), listYears(waterfall.survivalFailures)],
    ['distributed', w('distributed'), formatWan(sumMoney(waterfall.distributions))],
    ['returnsIrr', w('returnsIrr'), waterfall.returns.irr === null ? `— ${waterfall.returns.note ?? ''}` : formatPercent(waterfall.returns.irr)],
    ['freeCashIrr', w('freeCashIrr'), formatPercent(result.metrics.equityIrr)],
    ['shortTermRate', w('shortTermRate'), formatPercent(waterfall.shortTerm.rate)],
  ];
  const shareholders: any[] = waterfall.returns.shareholders ?? [];
  const sweep = buildSweepStatement(result, w('locked'));
  return (
    <section data-testid="waterfall">
      <h2>{w('title')}</h2>
      <dl class="facts" data-testid="waterfall-summary">
        {facts.map(([key, label, value]) => <div key={key} data-fact={key}><dt>{label}</dt><dd>{value}</dd></div>)}
      </dl>
      <figure><figcaption>{w('chart')}</figcaption><Chart option={option} label={w('chart')} testId="waterfall-chart" /></figure>
      <StatementTable statement={statement} years={years} />
      {sweep && (
        <section data-testid="cash-sweep">
          <h3>{w('sweepTitle')}</h3>
          <table class="list compact" data-testid="cash-sweep-loans">
            <caption>{w('sweepOrder')}</caption>
            <thead><tr><th scope="col">{w('sweepLoan')}</th><th scope="col">{w('sweepShare')}</th><th scope="col">{w('sweepMode')}</th><th scope="col">{w('swept')}</th></tr></thead>
            <tbody>
              {sweep.settings.loans.map((l) => (
                <tr key={l.sourceId} data-sweep={l.sourceId}>
                  <td data-fact="sweepLoan">{l.loanName}</td>
                  <td data-fact="sweepShare">{formatPercent(l.share)}</td>
                  <td data-fact="sweepMode">{w(l.mode)}</td>
                  <td data-fact="swept">{formatWan(l.swept)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <StatementTable statement={sweep.statement} years={years} />
        </section>
      )}
      {shareholders.length > 0 && (
        <table class="list compact" data-testid="waterfall-shareholders">
          <caption>{w('shareholders')}</caption>
          <thead><tr><th scope="col">{w('investor')}</th><th scope="col">{w('share')}</th><th scope="col">{w('distributed')}</th><th scope="col">{w('returnsIrr')}</th></tr></thead>
          <tbody>
            {shareholders.map((s) => (
              <tr key={s.sourceId} data-shareholder={s.sourceId}>
                <th scope="row">{s.investor ?? s.sourceId}</th><td>{formatPercent(s.share)}</td><td>{formatWan(sumMoney(s.distributions))}</td><td>{formatPercent(s.irr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
