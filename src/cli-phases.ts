import type { Evaluation } from './engine/evaluate-deal.js';

/**
 * The phased openings of a deal (methodology §10.11) for `npm run evaluate`: which streams, costs and
 * works open in which construction year, and the years construction and operation overlap. Prints
 * nothing for a deal without one.
 */
export function printPhasedOpenings(e: Evaluation): void {
  const overlap = e.years.filter((y) => y.phase === 'construction-and-operation').map((y) => y.calendarYear);
  if (overlap.length === 0) return;
  const names = new Map<string, string>([
    ...e.projection.capex.lines.map((l) => [l.item.id, `${l.item.name} (works)`] as const),
    ...e.projection.revenue.lines.map((l) => [l.stream.id, `${l.stream.name} (revenue)`] as const),
    ...e.projection.opex.lines.map((l) => [l.id, `${l.name} (cost)`] as const),
  ]);
  console.log(`\nPhased opening 分期投运: construction and operation overlap 建设期与运营期重叠 ${overlap[0]}–${overlap[overlap.length - 1]}`);
  for (const y of e.years) {
    if (y.opening === undefined) continue;
    console.log(`  ${y.calendarYear} opens 投运: ${y.opening.map((id) => names.get(id) ?? id).join('; ')}`);
  }
}
