import type { Problem } from '../../deal/problem.js';
import { PROBLEM_CATALOGUE, type LocalText, type ProblemCode, type ProblemFacts } from './catalogue.js';

interface ProblemOptions {
  /** The invalid fields, each `{ path, code, message }`. */
  errors?: readonly Problem[];
  /** How many problems there are when `errors` lists only the first of them (the evaluator sends at most MAX_LISTED_PROBLEMS); `errors.length` by default. */
  total?: number;
  headers?: Record<string, string>;
}

/**
 * A problem a handler answers with: thrown, and turned into application/problem+json in one place
 * (`handleError`). Carries facts, not text; the text is written in the caller's language there.
 */
export class ApiProblem<C extends ProblemCode = ProblemCode> extends Error {
  readonly code: C;
  readonly detail: LocalText;
  readonly errors: readonly Problem[];
  readonly total: number;
  readonly headers: Record<string, string>;

  constructor(code: C, facts: ProblemFacts<C>, options: ProblemOptions = {}) {
    const detail = (PROBLEM_CATALOGUE[code].detail as (f: ProblemFacts<C>) => LocalText)(facts);
    super(detail.en);
    this.name = 'ApiProblem';
    this.code = code;
    this.detail = detail;
    this.errors = options.errors ?? [];
    this.total = Math.max(options.total ?? this.errors.length, this.errors.length);
    this.headers = options.headers ?? {};
  }

  get status() {
    return PROBLEM_CATALOGUE[this.code].status;
  }
}
