import { createInlineEvaluator, type Evaluator } from '../../../src/api/evaluation/evaluator.js';

export interface HoldingEvaluator {
  evaluator: Evaluator;
  /** Let every held job (and every later one) go on. */
  release(): void;
  /** How many long jobs have started (each waits for release). */
  started(): number;
}

/**
 * The inline evaluator, whose long work — an analysis (a stress pack, a goal seek…) or a term sheet
 * with analysis sheets — waits until the test calls release(), so a test can hold a long request open
 * while it sends others. Evaluations and plain term sheets run at once.
 */
export function createHoldingEvaluator(): HoldingEvaluator {
  let open!: () => void;
  let started = 0;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const inline = createInlineEvaluator();
  const hold = async () => {
    started += 1;
    await gate;
  };
  const evaluator: Evaluator = {
    ...inline,
    analyse: async (job, onProgress) => {
      await hold();
      return inline.analyse(job, onProgress);
    },
    writeTermSheet: async (job) => {
      if (job.include?.stress || job.include?.sensitivity) await hold();
      return inline.writeTermSheet(job);
    },
  };
  return { evaluator, release: () => open(), started: () => started };
}
