import { describe, expect, it } from 'vitest';
import type { CapexItem } from '../../src/deal/capex-schema.js';
import type { ElevatorProgramme } from '../../src/deal/funding-schema.js';
import { computeElevatorShares } from '../../src/engine/elevator-shares.js';

const money = (values: { toFixed(n: number): string }[]) => values.map((v) => v.toFixed(2));

// Two elevators of 6 floors, two households a floor, 600,000 元 each; the table pays 200,000 from
// 5 floors, capped at 250,000; residents pay 90% of the rest, 30% of it from the provident fund.
const item = { id: 'lift', name: '加装电梯', category: 'improvement', kind: 'elevator', amount: '1200000', units: 2, owner: 'residents' } as unknown as CapexItem;
const programme = {
  items: [{ item: 'lift', floors: 6, householdsPerFloor: 2 }],
  subsidy: { source: 'city', table: [{ minFloors: 2, amount: '100000' }, { minFloors: 5, amount: '200000' }, { minFloors: 8, amount: '300000' }], capPerElevator: '250000' },
  residents: { source: 'owners', share: '0.9', floorCoefficients: ['0', '0.5', '0.8', '1', '1.2', '1.5'], providentFundShare: '0.3' },
} as unknown as ElevatorProgramme;

describe('computeElevatorShares', () => {
  const shares = computeElevatorShares(item, programme.items[0]!, programme);

  it('takes the subsidy from the last table row the floors reach, within the cap', () => {
    // 6 floors: the "from 5 floors" row, 200,000 (under the 250,000 cap).
    expect(shares.subsidyPerElevator.toFixed(2)).toBe('200000.00');
    expect(shares.subsidyTotal.toFixed(2)).toBe('400000.00');
  });

  it('leaves residents their share of the rest, and the pooled fill the remainder', () => {
    // (600,000 − 200,000) × 0.9 = 360,000 per elevator; 40,000 to the fill.
    expect(shares.residentsPerElevator.toFixed(2)).toBe('360000.00');
    expect(shares.otherPerElevator.toFixed(2)).toBe('40000.00');
    expect(shares.residentsTotal.toFixed(2)).toBe('720000.00');
  });

  it('splits the residents part by floor coefficient × households, to the 分', () => {
    // Σ weights = 2 × (0 + 0.5 + 0.8 + 1 + 1.2 + 1.5) = 10; floor f pays 360,000 × 2c_f / 10.
    expect(money(shares.byFloor.map((f) => f.floorTotal))).toEqual(['0.00', '36000.00', '57600.00', '72000.00', '86400.00', '108000.00']);
    expect(money(shares.byFloor[5]!.perHousehold)).toEqual(['54000.00', '54000.00']);
    // The provident fund pays 30% of each payment: 16,200 on the top floor.
    expect(money(shares.byFloor[5]!.providentFund)).toEqual(['16200.00', '16200.00']);
    expect(money(shares.byFloor[0]!.perHousehold)).toEqual(['0.00', '0.00']);
  });

  it('gives the odd 分 of an uneven split to one household, never losing it', () => {
    const three = computeElevatorShares(item, { item: 'lift', floors: 6, householdsPerFloor: 3 }, programme);
    // Σ weights = 3 × 5 = 15; floor 2 pays 360,000 × 1.5 / 15 = 36,000 = 3 × 12,000; floor 3: 57,600 = 3 × 19,200.
    const floor5 = three.byFloor[4]!; // 360,000 × 3.6 / 15 = 86,400 = 3 × 28,800
    expect(money(floor5.perHousehold)).toEqual(['28800.00', '28800.00', '28800.00']);
    const uneven = computeElevatorShares({ ...item, amount: '1200000.01' } as CapexItem, programme.items[0]!, programme);
    const total = uneven.byFloor.flatMap((f) => f.perHousehold).reduce((s, v) => s.plus(v), uneven.costPerElevator.minus(uneven.costPerElevator));
    expect(total.toFixed(2)).toBe(uneven.residentsPerElevator.toFixed(2));
  });
});
