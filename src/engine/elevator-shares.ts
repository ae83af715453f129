import type { CapexItem } from '../deal/capex-schema.js';
import type { ElevatorProgramme } from '../deal/funding-schema.js';
import { allocateLargestRemainder } from '../finance/allocate-largest-remainder.js';
import { D, ZERO, roundToFen } from '../finance/decimal.js';

export interface ElevatorFloorShare {
  floor: number;
  coefficient: D;
  households: number;
  /** What the floor's households pay together for one elevator. */
  floorTotal: D;
  /** Each household's payment, to the 分 (households of one floor differ by at most 0.01). */
  perHousehold: D[];
  /** Of each household's payment, the part drawn from the housing provident fund. */
  providentFund: D[];
}

export interface ElevatorShares {
  itemId: string;
  elevators: number;
  floors: number;
  costPerElevator: D;
  subsidyPerElevator: D;
  /** Residents' part of one elevator: share × (cost − subsidy). */
  residentsPerElevator: D;
  /** Left to the pooled fill for one elevator. */
  otherPerElevator: D;
  /** Totals over the item's elevators, the funding claims of the subsidy and residents sources. */
  subsidyTotal: D;
  residentsTotal: D;
  byFloor: ElevatorFloorShare[];
}

/**
 * Elevator retrofits (methodology §5): subsidy per elevator from the floors table, capped per elevator
 * and at the elevator's cost; residents pay `share` of the rest, split among the stairwell's households
 * by floor coefficient: household on floor f pays R × c_f / Σ_g (h × c_g), to the 分 by largest
 * remainder first across floors, then across the floor's households. The provident-fund part of each
 * household's payment is its share of it, to the 分.
 */
export function computeElevatorShares(item: CapexItem, entry: ElevatorProgramme['items'][number], programme: ElevatorProgramme): ElevatorShares {
  const elevators = item.units ?? 1;
  const amount = new D(item.amount);
  const costPerElevator = amount.div(elevators);
  const row = [...programme.subsidy.table].filter((r) => r.minFloors <= entry.floors).sort((a, b) => a.minFloors - b.minFloors).at(-1);
  const tableAmount = row ? new D(row.amount) : ZERO;
  const subsidyPerElevator = roundToFen(D.min(tableAmount, new D(programme.subsidy.capPerElevator), costPerElevator));
  const residentsPerElevator = roundToFen(costPerElevator.minus(subsidyPerElevator).times(programme.residents.share));
  const otherPerElevator = costPerElevator.minus(subsidyPerElevator).minus(residentsPerElevator);

  const coefficients = programme.residents.floorCoefficients.slice(0, entry.floors).map((c) => new D(c));
  const h = entry.householdsPerFloor;
  const weights = coefficients.map((c) => c.times(h));
  const everyoneZero = weights.every((w) => w.isZero());
  const floorTotals = everyoneZero ? weights.map(() => ZERO) : allocateLargestRemainder(residentsPerElevator, weights);
  const pfShare = new D(programme.residents.providentFundShare);
  const byFloor = coefficients.map((coefficient, f): ElevatorFloorShare => {
    const floorTotal = floorTotals[f]!;
    const perHousehold = floorTotal.isZero() ? new Array<D>(h).fill(ZERO) : allocateLargestRemainder(floorTotal, new Array<number>(h).fill(1));
    return { floor: f + 1, coefficient, households: h, floorTotal, perHousehold, providentFund: perHousehold.map((p) => roundToFen(p.times(pfShare))) };
  });
  return {
    itemId: item.id,
    elevators,
    floors: entry.floors,
    costPerElevator,
    subsidyPerElevator,
    residentsPerElevator: everyoneZero ? ZERO : residentsPerElevator,
    otherPerElevator: everyoneZero ? otherPerElevator.plus(residentsPerElevator) : otherPerElevator,
    subsidyTotal: subsidyPerElevator.times(elevators),
    residentsTotal: everyoneZero ? ZERO : residentsPerElevator.times(elevators),
    byFloor,
  };
}
