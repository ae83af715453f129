import { describe, expect, it } from 'vitest';
import { describeBulletCover, readBulletNotes } from '../../web/src/lib/bullet-note.js';

/*
 * Shaped on the 湘潭 bond card's bond (models/xiangtan-bond-card.json), three bullet batches: 2025 + 15 = 2040
 * (50,000,000), 2027 + 15 = 2042 (30,000,000), 2026 + 20 = 2046 (40,000,000). The engine gives its own DSCR
 * lowest in 2040 (0.1930806079), 1.4565183292 (2037) outside the bullet years, and an account of
 * 93,003,891.83 in 2040 that pays the bullet. The 2042 entry is made up (a shortfall the template does not
 * have) to show how a bullet the account cannot pay reads.
 */
const bullet = {
  bulletYears: [2040, 2042, 2046],
  minDscr: '0.1930806079', minDscrYear: 2040,
  minDscrExcludingBullet: '1.4565183292', minDscrExcludingBulletYear: 2037,
  bullets: [
    { year: 2040, principal: '50000000.00', accountAvailable: '93003891.83', issuerTopUp: '0.00', coveredByAccount: true },
    { year: 2042, principal: '30000000.00', accountAvailable: '20000000.00', issuerTopUp: '10900000.00', coveredByAccount: false },
  ],
};

describe('the bond card\'s bullet note (methodology §10.13)', () => {
  it('gives the minimum DSCR outside the bullet years and names the bullet year the minimum falls in', () => {
    const note = describeBulletCover(bullet)!;
    expect(note.minDscrExcludingBullet).toBe('1.46');
    expect(note.note).toBe('最低值出现在到期一次还本年（2040），当年为 0.19');
    expect(describeBulletCover(bullet, true)!.note).toBe('The lowest DSCR (0.19) falls in the bullet maturity year (2040)');
  });

  it('says for each bullet whether the repayment account pays it, in 万元', () => {
    const note = describeBulletCover(bullet)!;
    expect(note.bullets.map((b) => [b.year, b.covered])).toEqual([[2040, true], [2042, false]]);
    // 93,003,891.83 元 = 9,300.39 万元; 50,000,000 = 5,000.00; top-up 10,900,000 = 1,090.00.
    expect(note.bullets[0]!.text).toBe('2040：偿债资金账户足额偿还（可用 9,300.39 万元，本金 5,000.00 万元）');
    expect(note.bullets[1]!.text).toBe('2042：账户不足，财政补足 1,090.00 万元');
  });

  it('has no note where the minimum is outside the bullet years, and nothing for a bond without the field', () => {
    expect(describeBulletCover({ ...bullet, minDscrYear: 2037, minDscr: '1.4565183292' })!.note).toBeNull();
    expect(describeBulletCover(undefined)).toBeNull();
  });

  it('keys the notes by bond id for the facilities table, skipping a bond without the field', () => {
    const notes = readBulletNotes([{ id: 'xb-bond', bullet }, { id: 'old' }]);
    expect([...notes.keys()]).toEqual(['xb-bond']);
    expect(notes.get('xb-bond')!.minDscrExcludingBullet).toBe('1.46');
  });
});
