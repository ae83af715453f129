import { describe, expect, it } from 'vitest';
import { readFacilityBreaches } from '../../web/src/lib/facility-breaches.js';

const deal = {
  covenants: { minDscr: '1.3', minLlcr: '1.4' },
  funding: {
    sources: [
      { id: 'senior', kind: 'bank-loan' },
      { id: 'junior', kind: 'bank-loan', covenants: { minDscr: '1.1' } },
      { id: 'bond', kind: 'special-bond' },
      { id: 'bond-own', kind: 'special-bond', covenants: { minLlcr: '1.2' } },
      { id: 'equity', kind: 'equity' },
    ],
  },
};

describe('the facilities table\'s thresholds and breaches (methodology §11.9)', () => {
  it('holds a loan to its own covenant, else the deal\'s; a bond only to its own', () => {
    const b = readFacilityBreaches({ deal, warnings: [] });
    expect([...b.keys()]).toEqual(['senior', 'junior', 'bond', 'bond-own']);
    expect(b.get('senior')).toMatchObject({ minDscr: '1.3', minLlcr: '1.4' });
    expect(b.get('junior')).toMatchObject({ minDscr: '1.1', minLlcr: '1.4' });
    expect(b.get('bond')).toMatchObject({ minDscr: null, minLlcr: null });
    expect(b.get('bond-own')).toMatchObject({ minDscr: null, minLlcr: '1.2' });
  });

  it('takes the breach years from the engine\'s warnings on the facility\'s path only', () => {
    const warnings = [
      { code: 'FACILITY_DSCR_BELOW_MINIMUM', path: 'funding.sources[0]', years: [2027, 2028] },
      { code: 'FACILITY_LLCR_BELOW_MINIMUM', path: 'funding.sources[1]', years: [2026] },
      { code: 'DSCR_BELOW_MINIMUM', path: 'funding.sources[0]', years: [2030] },
    ];
    const b = readFacilityBreaches({ deal, warnings });
    expect(b.get('senior')).toMatchObject({ dscrYears: [2027, 2028], llcrBreached: false });
    expect(b.get('junior')).toMatchObject({ dscrYears: [], llcrBreached: true, llcrYears: [2026] });
    expect(b.get('bond')).toMatchObject({ dscrYears: [], llcrBreached: false });
  });
});
