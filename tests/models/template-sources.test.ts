import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/finance/decimal.js';
import { loadTemplate } from '../helpers/load-template.js';

/*
 * 湘潭 和平 (models/xiangtan-heping.json). The seed (seeds/003 三、一) gives district-wide figures for four
 * communities: grants 4450万 + 1837.1万 + 1559.8万 = 7846.9万, and about 300万 of utility money from the same
 * paragraph. The template counts one share f of both for 和平, the f at which the grants exactly fill the
 * government's part of 和平's works: 9512万 − 3175万 (investor) − 79.9万 (residents) − 300万·f = 7846.9万·f,
 * so f = 6257.1 / 8146.9 = 0.768034467…; then 4450万·f = 34,177,533.8 → 34,177,534, 1837.1万·f =
 * 14,109,561.2 → 14,109,561, 1559.8万·f = 11,979,801.6 → 11,979,802, 300万·f = 2,304,103.4 → 2,304,103.
 */
describe('湘潭 和平: grants and utility money scaled by one share of the district', () => {
  const deal = loadTemplate('xiangtan-heping');
  const f = new D('6257.1').div('8146.9');
  // Grants, utilities and residents here all give an amount.
  const amountOf = (s: (typeof deal.funding.sources)[number]) => new D(('amount' in s ? s.amount : undefined) ?? '0');
  const amount = (id: string) => amountOf(deal.funding.sources.find((s) => s.id === id)!);
  const utility = deal.funding.sources.filter((s) => s.kind === 'utility').reduce((s, x) => s.plus(amountOf(x)), new D(0));

  it('counts the same share f of each grant and of the utility money', () => {
    expect(f.toFixed(6)).toBe('0.768034');
    expect(amount('xt-central-budget').eq(new D(44_500_000).times(f).round())).toBe(true);
    expect(amount('xt-central-special').eq(new D(18_371_000).times(f).round())).toBe(true);
    expect(amount('xt-provincial').eq(new D(15_598_000).times(f).round())).toBe(true);
    expect(utility.eq(new D(3_000_000).times(f).round())).toBe(true);
  });

  it('so that the grants are exactly the government\'s part of 和平\'s works', () => {
    const total = deal.capex.reduce((s, c) => s.plus(c.amount), new D(0));
    const investor = deal.capex.filter((c) => c.owner === 'investor').reduce((s, c) => s.plus(c.amount), new D(0));
    const grants = amount('xt-central-budget').plus(amount('xt-central-special')).plus(amount('xt-provincial'));
    expect(total.toFixed(0)).toBe('95120000');
    expect(investor.toFixed(0)).toBe('31750000');
    expect(total.minus(investor).minus(amount('xt-residents')).minus(utility).toFixed(0)).toBe(grants.toFixed(0));
  });
});

describe('template sources cite what a reader can find', () => {
  const ids = readdirSync(new URL('../../models/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

  it.each(ids)('%s names no file outside the repository', (id) => {
    for (const s of loadTemplate(id).meta.sources) expect(s.reference ?? '').not.toMatch(/\.\.\/|shared\/|FINANCE\.md/);
  });

  it('劲松\'s public figures cite the public case page, and its unsourced operating period is an assumption', () => {
    const sources = loadTemplate('beijing-jinsong-20y').meta.sources;
    const publicRecord = sources.filter((s) => s.basis === 'public-record');
    for (const item of ['总投资7600万元：政府4600万元、社会资本3000万元', '3605户', '物业费收缴率82%–85%']) {
      const s = publicRecord.find((x) => x.item === item)!;
      expect(s.reference).toMatch(/^北京城市更新联盟案例《劲松北社区》（http:\/\/bjcsgxlm\.com\//);
    }
    expect(sources.find((s) => s.item === '运营期20年')!.basis).toBe('assumption');
  });
});
