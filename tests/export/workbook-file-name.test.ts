import { describe, expect, it } from 'vitest';
import { namePortfolioWorkbookFile, namePortfolioWorkbookFileAscii, nameTermSheetFile, nameTermSheetFileAscii } from '../../src/export/workbook-file-name.js';

describe('nameTermSheetFile', () => {
  it('keeps the Chinese name, replaces characters no file system takes, and adds 条款摘要', () => {
    expect(nameTermSheetFile({ dealName: '鼓楼 / 试点：一期' })).toBe('鼓楼 _ 试点：一期-条款摘要.xlsx');
  });

  it('cuts a long name by characters, never inside a surrogate pair, so it can be URI-encoded', () => {
    const name = nameTermSheetFile({ dealName: `${'项'.repeat(79)}😀😀` });
    expect([...name.replace('-条款摘要.xlsx', '')]).toHaveLength(80);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });

  it('carries the revision, the scenario and the analysis sheets, sheets in the workbook order whatever order they were asked in', () => {
    const facts = {
      dealName: '鼓楼试点',
      dealId: 'deal_0a1b',
      revision: 3,
      scenario: { id: 'scn_77', name: '停车费/180' },
      include: { sensitivity: true, stress: true, simulation: { draws: 500, seed: 7 } },
    };
    expect(nameTermSheetFile(facts)).toBe('鼓楼试点-条款摘要-第3版-情景停车费_180-压力测试-敏感性分析-模拟500次-种子7.xlsx');
    expect(nameTermSheetFileAscii(facts)).toBe('term-sheet-deal_0a1b-r3-scn_77-stress-sensitivity-simulation-500-seed7.xlsx');
  });

  it('gives different names to different revisions and different sheets of one deal', () => {
    const names = [
      { revision: 1 },
      { revision: 2 },
      { revision: 2, include: { stress: true } },
      { revision: 2, include: { simulation: { draws: 1000, seed: 1 } } },
      { revision: 2, include: { simulation: { draws: 1000, seed: 2 } } },
      { revision: 2, scenario: { id: 'scn_1' } },
    ].map((facts) => ({ dealName: '鼓楼', dealId: 'deal_1', ...facts }));
    expect(new Set(names.map(nameTermSheetFile)).size).toBe(names.length);
    expect(new Set(names.map(nameTermSheetFileAscii)).size).toBe(names.length);
  });

  it('names a scenario by its id when its name is not at hand, and cuts a long scenario name to 40 characters', () => {
    expect(nameTermSheetFile({ dealName: '鼓楼', revision: 1, scenario: { id: 'scn_9' } })).toBe('鼓楼-条款摘要-第1版-情景scn_9.xlsx');
    expect(nameTermSheetFile({ dealName: '鼓楼', scenario: { id: 'scn_9', name: '乐'.repeat(60) } })).toBe(`鼓楼-条款摘要-情景${'乐'.repeat(40)}.xlsx`);
  });

  it('falls back to an ASCII name built from the deal id', () => {
    expect(nameTermSheetFileAscii({ dealName: '鼓楼', dealId: 'deal_0a1b' })).toBe('term-sheet-deal_0a1b.xlsx');
    expect(nameTermSheetFileAscii({ dealName: '鼓楼', dealId: null })).toBe('term-sheet.xlsx');
    expect(nameTermSheetFileAscii({ dealName: '鼓楼', dealId: '项目', revision: 2 })).toBe('term-sheet-r2.xlsx');
  });
});

describe('namePortfolioWorkbookFile', () => {
  it('names a portfolio workbook after the portfolio and 片区汇总, with an ASCII fallback from its id', () => {
    expect(namePortfolioWorkbookFile('鼓楼片区 2027*')).toBe('鼓楼片区 2027_-片区汇总.xlsx');
    expect(namePortfolioWorkbookFile('   ')).toBe('portfolio-片区汇总.xlsx');
    expect(namePortfolioWorkbookFileAscii('pf_0a1b片')).toBe('portfolio-pf_0a1b.xlsx');
  });
});
