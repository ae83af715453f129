import type { Problem } from '../../deal/problem.js';
import { PROBLEM_CATALOGUE, type LocalText, type ProblemCode, type ProblemFacts } from './catalogue.js';

interface ProblemOptions {
  /** The invalid fields, each `{ path, code, message }`. */
  errors?: readonly Problem[];
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
  readonly headers: Record<string, string>;

  constructor(code: C, facts: ProblemFacts<C>, options: ProblemOptions = {}) {
    const detail = (PROBLEM_CATALOGUE[code].detail as (f: ProblemFacts<C>) => LocalText)(facts);
    super(detail.en);
    this.name = 'ApiProblem';
    this.code = code;
    this.detail = detail;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }

  get status() {
    return PROBLEM_CATALOGUE[this.code].status;
  }
}
