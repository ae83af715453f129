import { describe, expect, it } from 'vitest';
import { readFacilityBreaches } from '../../web/src/lib/facility-breaches.js';

// The engine resolves and tests each facility's covenants (debt.facilities[].covenant, methodology §11.9);
// the table shows exactly that, keyed by the funding source's id.
const facilities = [
  { id: 'senior', sourceId: 'senior', covenant: { minDscr: '1.3', minLlcr: '1.4', dscrBreachYears: [2027, 2028], llcrBreachYears: [] } },
  { id: 'junior', sourceId: 'junior', covenant: { minDscr: '1.1', minLlcr: '1.4', dscrBreachYears: [], llcrBreachYears: [2026] } },
  { id: 'bond', sourceId: 'bond', covenant: { minDscr: null, minLlcr: null, dscrBreachYears: [], llcrBreachYears: [] } },
  { id: 'old', sourceId: 'old' }, // an evaluation without the covenant test: nothing marked
];

describe('the facilities table\'s thresholds and breaches (methodology §11.9)', () => {
  it('shows each facility\'s own thresholds as the engine resolved them, null where it has none', () => {
    const b = readFacilityBreaches(facilities);
    expect([...b.keys()]).toEqual(['senior', 'junior', 'bond']);
    expect(b.get('senior')).toMatchObject({ minDscr: '1.3', minLlcr: '1.4' });
    expect(b.get('junior')).toMatchObject({ minDscr: '1.1', minLlcr: '1.4' });
    expect(b.get('bond')).toMatchObject({ minDscr: null, minLlcr: null });
  });

  it('takes the breach years from the engine\'s covenant test', () => {
    const b = readFacilityBreaches(facilities);
    expect(b.get('senior')).toMatchObject({ dscrYears: [2027, 2028], llcrBreached: false, llcrYears: [] });
    expect(b.get('junior')).toMatchObject({ dscrYears: [], llcrBreached: true, llcrYears: [2026] });
    expect(b.get('bond')).toMatchObject({ dscrYears: [], llcrBreached: false });
  });
});
