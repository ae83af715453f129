import { D } from '../finance/decimal.js';
import { INDICATORS, type Indicator } from './indicators.js';

/** An indicator as a decimal string, like the evaluation's metrics: rates and ratios to 10 places, amounts to the 分. */
export function formatIndicator(indicator: Indicator, value: D | number | null): string | null {
  if (value === null) return null;
  const decimal = new D(value);
  return INDICATORS[indicator] === 'amount' ? decimal.toFixed(2) : decimal.toFixed(10);
}
