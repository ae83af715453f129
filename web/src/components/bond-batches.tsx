import { useApp } from '../app-context.js';
import { formatPercent, formatWan, sumMoney } from '../lib/decimal-text.js';

const WORDS = {
  batch: ['批次', 'Batch'],
  status: ['状态', 'Status'],
  issued: ['已发行', 'issued'],
  planned: ['计划发行', 'planned'],
  assumed: ['（票面利率为假设）', ' (coupon assumed)'],
  issue: ['发行年月', 'Issued'],
  amount: ['发行额（万元）', 'Amount (10k CNY)'],
  coupon: ['票面利率', 'Coupon'],
  tenor: ['期限（年）', 'Tenor (years)'],
  frequency: ['付息', 'Coupon paid'],
  annual: ['每年', 'yearly'],
  semiAnnual: ['每半年', 'half-yearly'],
  principal: ['还本方式', 'Principal'],
  bullet: ['到期一次还本', 'bullet'],
  schedule: ['分期还本', 'scheduled'],
  maturity: ['到期年月', 'Maturity'],
  interest: ['利息合计（万元）', 'Interest (10k CNY)'],
  issuanceCost: ['发行费用（万元）', 'Issuance cost (10k CNY)'],
  total: ['合计', 'Total'],
  caption: ['发行批次', 'Issue batches'],
} as const;

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

/**
 * A special bond's batches (methodology §10): when each was or will be issued, how much, at what coupon
 * and tenor, how principal is repaid, and what it costs — issued and planned apart, a planned batch's
 * coupon marked as an assumption. Totals of the issued and planned amounts below.
 */
export function BondBatches({ bond }: { bond: any }) {
  const { language } = useApp();
  const w = (k: keyof typeof WORDS) => WORDS[k][language === 'en' ? 1 : 0];
  const batches: any[] = bond.batches ?? [];
  if (batches.length === 0) return null;
  const amountOf = (status: string) => sumMoney(batches.filter((b) => b.status === status).map((b) => b.amount));
  return (
    <div class="table-scroll">
      <table class="list compact" data-testid={`bond-batches-${bond.id}`}>
        <caption>{bond.name ?? bond.id} — {w('caption')}</caption>
        <thead>
          <tr>{(['batch', 'status', 'issue', 'amount', 'coupon', 'tenor', 'frequency', 'principal', 'maturity', 'interest', 'issuanceCost'] as const).map((k) => <th key={k} scope="col">{w(k)}</th>)}</tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} data-batch={b.id} data-status={b.status}>
              <th scope="row">{b.name ?? b.id}</th>
              <td>{w(b.status === 'issued' ? 'issued' : 'planned')}</td>
              <td>{month(b.issueYear, b.issueMonth)}</td>
              <td>{formatWan(b.amount)}</td>
              <td>{formatPercent(b.couponRate)}{b.couponIsAssumption ? w('assumed') : ''}</td>
              <td>{b.tenorYears}</td>
              <td>{w(b.interestFrequency === 'annual' ? 'annual' : 'semiAnnual')}</td>
              <td>{w(b.principal === 'schedule' ? 'schedule' : 'bullet')}</td>
              <td>{b.maturity ? month(b.maturity.year, b.maturity.month) : '—'}</td>
              <td>{formatWan(b.interest)}</td>
              <td>{formatWan(b.issuanceCost)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total="issued"><th scope="row">{w('total')} · {w('issued')}</th><td /><td /><td>{formatWan(amountOf('issued'))}</td><td colSpan={7} /></tr>
          <tr data-total="planned"><th scope="row">{w('total')} · {w('planned')}</th><td /><td /><td>{formatWan(amountOf('planned'))}</td><td colSpan={7} /></tr>
        </tfoot>
      </table>
    </div>
  );
}
