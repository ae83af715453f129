import { describe, expect, it } from 'vitest';
import { namePortfolioWorkbookFile, namePortfolioWorkbookFileAscii, nameTermSheetFile, nameTermSheetFileAscii } from '../../src/export/workbook-file-name.js';

describe('nameTermSheetFile', () => {
  it('keeps the Chinese name, replaces characters no file system takes, and adds 条款摘要', () => {
    expect(nameTermSheetFile('鼓楼 / 试点：一期')).toBe('鼓楼 _ 试点：一期-条款摘要.xlsx');
  });

  it('cuts a long name by characters, never inside a surrogate pair, so it can be URI-encoded', () => {
    const name = nameTermSheetFile(`${'项'.repeat(79)}😀😀`);
    expect([...name.replace('-条款摘要.xlsx', '')]).toHaveLength(80);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });

  it('falls back to an ASCII name built from the deal id', () => {
    expect(nameTermSheetFileAscii('deal_0a1b')).toBe('term-sheet-deal_0a1b.xlsx');
    expect(nameTermSheetFileAscii(null)).toBe('term-sheet.xlsx');
  });
});

describe('namePortfolioWorkbookFile', () => {
  it('names a portfolio workbook after the portfolio and 片区汇总, with an ASCII fallback from its id', () => {
    expect(namePortfolioWorkbookFile('鼓楼片区 2027*')).toBe('鼓楼片区 2027_-片区汇总.xlsx');
    expect(namePortfolioWorkbookFile('   ')).toBe('portfolio-片区汇总.xlsx');
    expect(namePortfolioWorkbookFileAscii('pf_0a1b片')).toBe('portfolio-pf_0a1b.xlsx');
  });
});
