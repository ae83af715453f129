/**
 * Exact decimal text for the page: rates typed as percentages are stored as decimals, amounts in 元
 * are shown in 万元 — all by moving the decimal point in the digits, never through a float, so no
 * 分 is ever rounded away by binary arithmetic (the API takes decimals as strings, DESIGN.md).
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

interface Parts {
  negative: boolean;
  digits: string;
  /** Count of the digits after the point. */
  scale: number;
}

function parseDecimal(text: string): Parts | null {
  const match = DECIMAL.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  return { negative: sign === '-', digits: (whole + fraction).replace(/^0+(?=\d)/, '') || '0', scale: fraction.length };
}

function renderDecimal({ negative, digits, scale }: Parts): string {
  const padded = digits.padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale).replace(/^0+(?=\d)/, '');
  const fraction = scale > 0 ? padded.slice(padded.length - scale).replace(/0+$/, '') : '';
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** The decimal text with its point moved `places` to the right (negative: to the left), exactly. */
export function shiftDecimal(text: string, places: number): string | null {
  const parts = parseDecimal(text);
  if (!parts) return null;
  if (places >= 0) {
    const move = Math.min(places, parts.scale);
    return renderDecimal({ ...parts, digits: parts.digits + '0'.repeat(places - move), scale: parts.scale - move });
  }
  return renderDecimal({ ...parts, scale: parts.scale - places });
}

/** "3.5" (%) → "0.035"; null when the text is not a number. */
export const percentToDecimal = (percent: string) => shiftDecimal(percent, -2);
/** "0.035" → "3.5" (%). */
export const decimalToPercent = (decimal: string) => shiftDecimal(decimal, 2);

/** Rounded half away from zero to `places` decimals, exactly; the trailing zeros kept (for tables). */
export function roundDecimal(text: string, places: number): string | null {
  const parts = parseDecimal(text);
  if (!parts) return null;
  let value = BigInt(parts.digits);
  if (parts.scale > places) {
    const divisor = 10n ** BigInt(parts.scale - places);
    const remainder = value % divisor;
    value = value / divisor + (remainder * 2n >= divisor ? 1n : 0n);
  } else value *= 10n ** BigInt(places - parts.scale);
  const digits = value.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const rounded = places > 0 ? `${whole}.${digits.slice(digits.length - places)}` : whole;
  return parts.negative && value !== 0n ? `-${rounded}` : rounded;
}

/** Thousands separators on the whole part: "-1234567.89" → "-1,234,567.89". */
export function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction !== undefined ? `.${fraction}` : '');
}

/** An amount in 元 shown in 万元 with `places` decimals and separators: "534260000.00" → "53,426.00". */
export function formatWan(yuan: string | null | undefined, places = 2): string {
  if (yuan === null || yuan === undefined) return '—';
  const wan = shiftDecimal(yuan, -4);
  const rounded = wan === null ? null : roundDecimal(wan, places);
  return rounded === null ? String(yuan) : groupThousands(rounded);
}

/** A decimal rate shown as a percentage: "0.0400809621" → "4.01%". */
export function formatPercent(decimal: string | null | undefined, places = 2): string {
  if (decimal === null || decimal === undefined) return '—';
  const percent = decimalToPercent(decimal);
  const rounded = percent === null ? null : roundDecimal(percent, places);
  return rounded === null ? String(decimal) : `${rounded}%`;
}

/**
 * A statement cell: amounts (元 on the wire) in 万元, a row of ratios (`unit: 'ratio'`, e.g. the balance
 * sheet's 资产负债率) as a percentage — never a ratio read as 元; a row of words (`unit: 'text'`, the page's
 * own rows such as the waterfall's lock-up marks) as written.
 */
export function formatStatementValue(unit: string | undefined, value: string | null | undefined): string {
  if (unit === 'text') return value ?? '';
  return unit === 'ratio' ? formatPercent(value) : formatWan(value);
}

/** A plain decimal (ratios such as a DSCR, years) to `places` decimals. */
export function formatNumber(decimal: string | null | undefined, places = 2): string {
  if (decimal === null || decimal === undefined) return '—';
  const rounded = roundDecimal(decimal, places);
  return rounded === null ? String(decimal) : groupThousands(rounded);
}

/** Whether the text is a decimal number the API accepts. */
export const isDecimalText = (text: string) => parseDecimal(text) !== null;

/** The exact sum of decimal texts ("1.10" + "2.005" = "3.105"); texts that are not numbers are skipped. */
export function sumMoney(values: readonly (string | null | undefined)[]): string {
  const parts = values.flatMap((v) => (v === null || v === undefined ? [] : [parseDecimal(v)])).filter((p): p is Parts => p !== null);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const total = parts.reduce((sum, p) => sum + (p.negative ? -1n : 1n) * BigInt(p.digits) * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  return renderDecimal({ negative, digits: (negative ? -total : total).toString(), scale });
}
