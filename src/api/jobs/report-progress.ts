import type { ChunkRunner } from '../../analysis/simulation/simulate.js';
import { readJobScope } from '../../jobs/job-scope.js';

/** A simulation's chunks (100 draws each) counted as its job's progress, when it runs in a job. */
export function reportChunkProgress(run: ChunkRunner): ChunkRunner {
  return (deal, request, asOf, chunks, signal, onChunkDone) => {
    const scope = readJobScope();
    if (!scope) return run(deal, request, asOf, chunks, signal, onChunkDone);
    let done = 0;
    scope.report({ done, total: chunks });
    return run(deal, request, asOf, chunks, signal, () => {
      done += 1;
      scope.report({ done, total: chunks });
      onChunkDone?.();
    });
  };
}

/** Where a job's members are counted (portfolio evaluations): the job's reporter, or nothing outside a job. */
export function readMemberProgress(): ((done: number, total: number) => void) | undefined {
  const scope = readJobScope();
  return scope ? (done, total) => scope.report({ done, total }) : undefined;
}
