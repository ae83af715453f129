import type { Deal } from '../deal/deal-schema.js';

/** The drivers of sensitivity, stress and simulation in words: Chinese, English beside (src/analysis/drivers.ts names them). */
const DRIVER_LABEL: Record<string, string> = {
  revenue: '全部收入 All revenue',
  price: '价格 Price',
  volume: '数量/使用率 Volume',
  capex: '建设投资 Capex',
  opex: '经营成本 Operating cost',
  'interest-rate': '贷款利率（相对） Loan rates (relative)',
  'interest-rate-shift': '贷款利率（加点） Loan rates (shift)',
  'construction-delay': '建设期延长（年） Construction delay (years)',
  'operating-period': '运营期 Operating period',
};

/**
 * A driver's short name (`price:fz-parking-public`) as a reader's label: `价格 Price：公共停车场（月卡及临停）`;
 * the stream's own name from the deal replaces its id. An unknown name is returned as it is.
 */
export function labelDriver(name: string, deal: Deal | undefined): string {
  const [kind, stream] = name.split(':', 2) as [string, string | undefined];
  const label = DRIVER_LABEL[kind] ?? kind;
  if (stream === undefined) return label;
  const found = deal?.revenue.find((s) => s.id === stream);
  return `${label}：${found ? found.name : stream}`;
}

/** A change of a driver as printed: relative changes in percent (−10%), years as whole years (+1 年). */
export function formatChange(name: string, change: string | number): string {
  const value = Number(change);
  if (!Number.isFinite(value)) return String(change);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  if (name.startsWith('construction-delay')) return `${sign}${Math.abs(value)} 年 yr`;
  if (name.startsWith('interest-rate-shift')) return `${sign}${Math.round(Math.abs(value) * 10_000)}bp`;
  return `${sign}${(Math.abs(value) * 100).toFixed(Number.isInteger(value * 100) ? 0 : 1)}%`;
}
