import { describe, expect, it } from 'vitest';
import { countLines, fitRowHeight, measureText } from '../../src/export/print-setup.js';

/**
 * Row heights of wrapped cells: a spreadsheet (LibreOffice, Excel) wraps at word breaks, so a row
 * high enough for the characters alone can be a line short, and its last line prints over the row
 * below (seen in the printed pages: tests/export/printed-pages). Each count below is worked by hand:
 * a column W characters wide holds W − 1 a line, a CJK character or full-width sign two.
 */
describe('countLines: lines of a wrapped cell, breaking where a spreadsheet breaks', () => {
  it('moves a word that does not fit to the next line whole', () => {
    // Width 26 → 25 a line. "of which the major-" (19; a line may break after the hyphen of a word),
    // "maintenance reserve" (19; + " (MMRA)" would be 26), "(MMRA)": 3 lines; 45 characters alone would say 2.
    const label = 'of which the major-maintenance reserve (MMRA)';
    expect(measureText(label)).toBe(45);
    expect(countLines(label, 26)).toBe(3);
    expect(fitRowHeight([[label, 26]])).toBe(45);
  });

  it('keeps a run of years and enumeration commas together, as one word', () => {
    // Width 79 → 78 a line. 利息备付率低于约定下限 (22) cannot take （2028、…、2039 (2 + 12×4 + 11×2 = 72:
    // no break after an opening bracket, before a 、 or between a 、 and a digit), which starts line 2;
    // " 年" (3) joins it (75) but " years）。ICR" (1 + 12) does not: line 3 is "years）。ICR below 2 in 12 year(s)".
    const years = Array.from({ length: 12 }, (_, i) => 2028 + i).join('、');
    const sentence = `利息备付率低于约定下限（${years} 年 years）。ICR below 2 in 12 year(s)`;
    expect(measureText(sentence)).toBe(22 + 72 + 3 + 13 + 22);
    expect(countLines(sentence, 79)).toBe(3);
  });

  it('breaks Chinese text between any two ideographs, but not before closing punctuation', () => {
    // Width 21 → 20 a line: ten ideographs a line, 30 of them on 3 lines.
    expect(countLines('一'.repeat(30), 21)).toBe(3);
    // Width 11 → 10 a line: 一二三四五 fills it exactly, the next line is 六七.
    expect(countLines('一二三四五六七', 11)).toBe(2);
    // 四， stays together: 一二三四，五 at width 11 (10 a line, 12 wide) is 一二三 + 四， = 10 on line 1, 五 on line 2.
    expect(countLines('一二三四，五', 11)).toBe(2);
    expect(countLines('一二三四，', 11)).toBe(1);
    // 一二三四五，六七八， (18 wide) at 10 a line: 一二三四 | 五，六七 | 八， — a comma never starts a line, so 3 lines where 18 ÷ 10 says 2.
    expect(countLines('一二三四五，六七八，', 11)).toBe(3);
  });

  it('cuts a word longer than a line by character, and counts each line of a text with line breaks', () => {
    // Width 21 → 20 a line: 50 letters with no break take 3 lines; a word after them continues the third.
    expect(countLines('x'.repeat(50), 21)).toBe(3);
    expect(countLines(`${'x'.repeat(50)} yy`, 21)).toBe(3);
    expect(countLines('a\nb\n\nc', 10)).toBe(4);
    // A date or a negative number is not broken at its hyphen: two dates of 10 at 11 a line take 2 lines.
    expect(countLines('2025-03-01 2025-03-01', 12)).toBe(2);
    expect(countLines('2025-03-01', 6)).toBe(2);
    // A hyphenated word may break after its hyphen: "well-" (5) then "known" (5) at 6 a line.
    expect(countLines('well-known', 7)).toBe(2);
    expect(countLines('wellknown', 7)).toBe(2);
  });
});
