import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { createSectionParser } from '../../src/deal/parse-deal-sections.js';
import { loadTemplateInput } from '../helpers/load-template.js';

/**
 * createSectionParser answers exactly what parseDeal answers — the same deal (compared as JSON text,
 * so key order and left-out optional sections count) or the same problems in the same order — for
 * template variants as a portfolio holds them, and for variants that break a section, add an unknown
 * key, break a cross-field rule or exceed a list's bound; and it reuses a section it has parsed.
 */
const TEMPLATES = readdirSync(new URL('../../models', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

const sameAsParseDeal = (parse: ReturnType<typeof createSectionParser>, input: unknown, name: string) => {
  expect(JSON.stringify(parse(input)), name).toBe(JSON.stringify(parseDeal(input)));
};

describe('createSectionParser', () => {
  it('parses template variants to the very deals parseDeal gives, one parser for all of them', () => {
    const parse = createSectionParser();
    for (let i = 0; i < 3 * TEMPLATES.length; i++) {
      const id = TEMPLATES[i % TEMPLATES.length]!;
      const input = { ...loadTemplateInput(id), name: `变体 ${i}`, discountRate: (0.05 + i * 0.00001).toFixed(5) };
      const outcome = parse(input);
      expect(outcome.ok, id).toBe(true);
      sameAsParseDeal(parse, input, `${id} variant ${i}`);
    }
  });

  it('reuses a section it has parsed: two variants of one template share their parsed capex and funding', () => {
    const parse = createSectionParser();
    const input = loadTemplateInput(TEMPLATES[0]!);
    const a = parse({ ...input, discountRate: '0.05' });
    const b = parse({ ...input, discountRate: '0.07' });
    if (!a.ok || !b.ok) throw new Error('the template parses');
    expect(b.deal.capex).toBe(a.deal.capex);
    expect(b.deal.funding).toBe(a.deal.funding);
    expect([a.deal.discountRate, b.deal.discountRate]).toEqual(['0.05', '0.07']);
    // A different parser shares nothing.
    const c = createSectionParser()({ ...input, discountRate: '0.05' });
    if (!c.ok) throw new Error('the template parses');
    expect(c.deal.capex).not.toBe(a.deal.capex);
    expect(c.deal.capex).toEqual(a.deal.capex);
  });

  it('gives parseDeal\'s problems for a bad section, an unknown key, a broken cross-field rule and an oversized list', () => {
    const parse = createSectionParser();
    const input = loadTemplateInput(TEMPLATES[0]!) as Record<string, unknown>;
    // Parsed once well, so the good sections are kept: the bad variants must still answer as parseDeal.
    expect(parse(input).ok).toBe(true);
    const capex = input.capex as Record<string, unknown>[];
    const bad: [string, unknown][] = [
      ['a discount rate that is not a number', { ...input, discountRate: 'six percent' }],
      ['an unknown key', { ...input, discountrate: '0.05' }],
      ['a capex item without an amount', { ...input, capex: [{ ...capex[0]!, amount: undefined }, ...capex.slice(1)] }],
      ['two capex items with one id (a cross-field rule)', { ...input, capex: [capex[0]!, capex[0]!, ...capex.slice(1)] }],
      ['more than 500 capex items', { ...input, capex: Array.from({ length: 501 }, () => capex[0]!) }],
      ['not an object', ['a', 'list']],
      ['no name', { ...input, name: undefined }],
    ];
    for (const [name, variant] of bad) {
      const outcome = parse(variant);
      expect(outcome.ok, name).toBe(false);
      sameAsParseDeal(parse, variant, name);
    }
  });
});
