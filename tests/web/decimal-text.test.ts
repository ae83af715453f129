import { describe, expect, it } from 'vitest';
import { decimalToPercent, formatPercent, formatStatementValue, formatWan, groupThousands, percentToDecimal, roundDecimal, shiftDecimal, sumMoney } from '../../web/src/lib/decimal-text.js';

describe('percentages typed, decimals stored (no float on the way)', () => {
  it('moves the point by two places exactly', () => {
    expect(percentToDecimal('3.5')).toBe('0.035');
    expect(percentToDecimal('65')).toBe('0.65');
    expect(percentToDecimal('0.07')).toBe('0.0007');
    expect(percentToDecimal('-12.5')).toBe('-0.125');
    expect(percentToDecimal('100')).toBe('1');
    expect(decimalToPercent('0.035')).toBe('3.5');
    expect(decimalToPercent('0.0400809621')).toBe('4.00809621');
    expect(decimalToPercent('1')).toBe('100');
  });

  it('keeps digits a float would lose: 0.1 + 0.2 style and 17 significant digits', () => {
    // 0.29 × 100 is 28.999999999999996 in float64; the text is exact.
    expect(decimalToPercent('0.29')).toBe('29');
    expect(percentToDecimal('12.34567890123456789')).toBe('0.1234567890123456789');
    for (const text of ['0', '0.5', '3.25', '99.999', '0.000001']) expect(decimalToPercent(percentToDecimal(text)!)).toBe(text);
  });

  it('answers null for what is not a number, so the API names the field', () => {
    expect(percentToDecimal('abc')).toBeNull();
    expect(percentToDecimal('')).toBeNull();
    expect(percentToDecimal('1.2.3')).toBeNull();
  });
});

describe('amounts in 万元 with thousands separators', () => {
  it('divides by 10 000 exactly and rounds half away from zero at 2 places', () => {
    // 534,260,000.00 元 = 53,426.00 万元; 95,684,873.98 元 = 9,568.487398 万元 → 9,568.49
    expect(formatWan('534260000.00')).toBe('53,426.00');
    expect(formatWan('-95684873.98')).toBe('-9,568.49');
    expect(formatWan('50.00')).toBe('0.01'); // 0.005 万元 rounds up
    expect(formatWan('49.99')).toBe('0.00');
    expect(formatWan('-49.99')).toBe('0.00');
    expect(formatWan(null)).toBe('—');
  });

  it('rounds and groups like a spreadsheet', () => {
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('7', 2)).toBe('7.00');
    expect(groupThousands('1234567.5')).toBe('1,234,567.5');
    expect(groupThousands('-999')).toBe('-999');
    expect(shiftDecimal('1.5', 3)).toBe('1500');
    expect(formatPercent('0.0400809621')).toBe('4.01%');
    expect(formatPercent('0.1066217927')).toBe('10.66%');
  });
});

describe('statement cells: amounts in 万元, a ratio row as a percentage', () => {
  it('shows the balance sheet\'s 资产负债率 row (unit "ratio") as %, not as 万元', () => {
    // 0.6234567890 of the assets financed by liabilities reads 62.35%; read as 元 it would print 0.00 万元.
    expect(formatStatementValue('ratio', '0.6234567890')).toBe('62.35%');
    expect(formatStatementValue(undefined, '12345678.90')).toBe('1,234.57');
    expect(formatStatementValue('ratio', null)).toBe('—');
  });
});

describe('sums of decimal texts, exact', () => {
  it('adds amounts to the 分 without a float (0.1 + 0.2 is 0.3, not 0.30000000000000004)', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.3');
    expect(sumMoney(['48000000.00', '32000000.00'])).toBe('80000000');
    expect(sumMoney(['1023716.45', '-23716.46', null, undefined])).toBe('999999.99');
    expect(sumMoney(['1.005', '2'])).toBe('3.005');
    expect(sumMoney(['-5.50', '2.25'])).toBe('-3.25');
    expect(sumMoney([])).toBe('0');
    // 9007199254740993 is not a float64: the text keeps its last digit.
    expect(sumMoney(['9007199254740992.00', '1.00'])).toBe('9007199254740993');
  });

  it('shows a row of words as written (the waterfall\'s lock-up marks)', () => {
    expect(formatStatementValue('text', '锁定')).toBe('锁定');
    expect(formatStatementValue('text', null)).toBe('');
  });
});
