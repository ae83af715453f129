/** What kind of work a pool ran: said in the answer so that the client knows which budget it met. */
export type JobKind = 'evaluation' | 'term-sheet' | 'analysis' | 'portfolio' | 'simulation';

/**
 * A job that ran past its time budget: its worker was stopped (and replaced) and only this job fails;
 * the API answers 503 JOB_TIME_BUDGET_EXCEEDED naming the budget, never 500.
 */
export class JobTimeBudgetExceeded extends Error {
  constructor(
    readonly kind: JobKind,
    readonly budgetMs: number,
  ) {
    super(`a ${kind} job ran past its time budget of ${budgetMs} ms and was stopped`);
    this.name = 'JobTimeBudgetExceeded';
  }
}
