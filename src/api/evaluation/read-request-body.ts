import type { z } from 'zod';
import { solveRequestSchema } from '../../analysis/goal-seek-request.js';
import { sensitivityRequestSchema } from '../../analysis/sensitivity-request.js';
import { simulationRequestSchema } from '../../analysis/simulation/simulation-request.js';
import { stressRequestSchema } from '../../analysis/stress-pack.js';
import { portfolioSchema } from '../../deal/portfolio-schema.js';
import { portfolioStressRequestSchema } from '../../analysis/portfolio/portfolio-shocks.js';
import type { Problem } from '../../deal/problem.js';
import { MAX_LISTED_PROBLEMS } from '../problems/render-problem.js';
import { convertRequestIssues } from '../problems/validation-hook.js';
import { scenarioInputSchema } from '../scenarios/scenario-input-schema.js';
import { termSheetLinkInputSchema } from '../term-sheet-links/term-sheet-links.routes.js';
import { isBlank } from '../http/read-json-body.js';
import { readJobInput } from './evaluate-input.js';

/** The request bodies read on the evaluator, by the name a job gives: the decision tools', a portfolio's, a scenario's, a term-sheet link's. */
const BODY_SCHEMAS = {
  solve: solveRequestSchema,
  sensitivity: sensitivityRequestSchema,
  stress: stressRequestSchema,
  simulate: simulationRequestSchema,
  portfolio: portfolioSchema,
  scenario: scenarioInputSchema,
  termSheetLink: termSheetLinkInputSchema,
  portfolioStress: portfolioStressRequestSchema,
} as const satisfies Record<string, z.ZodType>;
export type BodySchemaName = keyof typeof BODY_SCHEMAS;
export type BodyOf<N extends BodySchemaName> = z.output<(typeof BODY_SCHEMAS)[N]>;

/** A request body as the bytes sent, and the schema it must meet; `emptyMeans` stands for a blank body (an analysis's defaults: `{}`). */
export interface BodyJob {
  bytes: Uint8Array;
  schema: BodySchemaName;
  emptyMeans?: unknown;
  /**
   * Top-level fields of the checked value handed back as their JSON text in UTF-8 bytes, not as values:
   * bytes cross to the request thread by transfer (no copy, no walk), while a value of 150,000 fields
   * costs that thread a structured clone of tens of milliseconds, and more again when it is sent back to
   * a worker (a scenario's overrides go on to be validated against the deal there).
   */
  asBytes?: readonly string[];
}

/** The body parsed and checked (its schema's output), or why not: at most MAX_LISTED_PROBLEMS problems, with their total. */
export type BodyJobOutcome = { ok: true; value: unknown } | { ok: false; code: 'MALFORMED_JSON' | 'VALIDATION_FAILED'; problems: Problem[]; total: number };

/**
 * Decode, parse and check a request body against its schema — the work the request thread must not do
 * (a 2 MB body of 150,000 fields costs tens of milliseconds to parse and check), so the server runs it
 * on an evaluation worker and the request thread only receives the checked value.
 */
export function readRequestBody(job: BodyJob): BodyJobOutcome {
  const blank = job.emptyMeans !== undefined && isBlank(job.bytes);
  const input = blank ? { ok: true as const, value: job.emptyMeans } : readJobInput(job.bytes);
  if (!input.ok) return input;
  const parsed = BODY_SCHEMAS[job.schema].safeParse(input.value, { reportInput: true });
  if (parsed.success) return { ok: true, value: encodeFields(parsed.data, job.asBytes ?? []) };
  const problems = convertRequestIssues(parsed.error.issues, input.value);
  return { ok: false, code: 'VALIDATION_FAILED', problems: problems.slice(0, MAX_LISTED_PROBLEMS), total: problems.length };
}

/** The value with each named top-level field (when present) replaced by its JSON text as UTF-8 bytes. */
function encodeFields(value: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const encoded: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of fields) if (field in encoded) encoded[field] = new TextEncoder().encode(JSON.stringify(encoded[field]));
  return encoded;
}

/** The buffers of an outcome's fields given as bytes (BodyJob.asBytes), for the worker to transfer rather than copy. */
export function listTransferredBuffers(outcome: BodyJobOutcome): ArrayBuffer[] {
  if (!outcome.ok || typeof outcome.value !== 'object' || outcome.value === null) return [];
  return Object.values(outcome.value).flatMap((field) => (field instanceof Uint8Array ? [field.buffer as ArrayBuffer] : []));
}
