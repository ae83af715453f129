import { describe, expect, it } from 'vitest';
import { serializeEvaluation } from '../../../src/engine/to-wire.js';
import { buildTermSheetHtml } from '../../../src/export/pdf/term-sheet-html.js';
import { evaluateTemplate } from '../helpers/evaluate-template.js';

/** The printable page the PDF term sheet is printed from (Chromium prints it; here its text is read). */
describe('the PDF term sheet page of the 25-year template', () => {
  const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
  const html = buildTermSheetHtml(deal, serializeEvaluation(evaluation));
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

  it('summarises the debt schedule by facility (its rows are numbered 1.1 … only), amounts in 万元', () => {
    const debt = text.slice(text.indexOf('借款还本付息计划表'), text.indexOf('总投资使用计划与资金筹措表'));
    expect(debt).toContain('二级科目');
    // The bond's issue: 8,000.00 万元 in all (80,000,000 元), 4,800.00 in 2027 (60% of the works).
    expect(debt).toMatch(/当期发行[^<]*8,000\.00\s+4,800\.00/);
    expect(debt).toContain('国开行福建分行项目贷款：期初余额');
  });

  it('names every party in words, none by its key', () => {
    const who = text.slice(text.indexOf('出资分担 Who pays'), text.indexOf('投资人 Shareholders'));
    expect(who).toContain('产权单位 Property-rights units');
    expect(who).toContain('捐赠 Donors');
    expect(who).not.toMatch(/\bproperty-rights-unit\b|\bdonor\b/);
  });
});

/** The covenants table reads a floor with the engine's one rule (a ratio may fall 0.00001 short and be met). */
describe('the PDF term sheet covenants table', () => {
  const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
  const wire = serializeEvaluation(evaluation);
  const statusOfMinDscr = (threshold: string) => {
    const html = buildTermSheetHtml({ ...deal, covenants: { ...deal.covenants, minDscr: threshold } }, wire);
    const text = html.replace(/<[^>]+>/g, ' ');
    const row = text.slice(text.indexOf('最低偿债备付率（项目整体）'), text.indexOf('最低利息备付率'));
    return row.includes('未满足 breached') ? 'breached' : row.includes('满足 met') ? 'met' : 'none';
  };
  const minDscr = Number(wire.metrics.minDscr);

  it('calls a DSCR 0.000005 below the floor met, as the engine does, and 0.0001 below it breached', () => {
    // Threshold = projected + 0.000005: short by half the tolerance → met. Projected + 0.0001: short by ten
    // times the tolerance → breached. Projected − 0.01: above the floor → met.
    expect(statusOfMinDscr((minDscr + 0.000005).toFixed(7))).toBe('met');
    expect(statusOfMinDscr((minDscr + 0.0001).toFixed(7))).toBe('breached');
    expect(statusOfMinDscr((minDscr - 0.01).toFixed(7))).toBe('met');
  });
});
