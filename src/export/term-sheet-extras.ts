import { analyseSensitivity } from '../analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../analysis/sensitivity-request.js';
import { runStressPack } from '../analysis/stress-pack.js';
import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import type { TermSheetExtras } from './build-term-sheet.js';

/** Which optional analysis sheets a term sheet carries (route `include=`, CLI `--stress`, `--sensitivity`). */
export interface TermSheetIncludes {
  stress?: boolean;
  sensitivity?: boolean;
}

/** Run the analyses asked for: the lender stress pack, and sensitivity with its default request. */
export function runTermSheetAnalyses(deal: Deal, asOf: string, include: TermSheetIncludes): { ok: true; extras: TermSheetExtras } | { ok: false; problems: Problem[] } {
  const stress = include.stress ? runStressPack(deal, asOf) : undefined;
  if (stress && !stress.ok) return stress;
  const sensitivity = include.sensitivity ? analyseSensitivity(deal, sensitivityRequestSchema.parse({}), asOf) : undefined;
  if (sensitivity && !sensitivity.ok) return sensitivity;
  return { ok: true, extras: { stress: stress?.result, sensitivity: sensitivity?.result } };
}
