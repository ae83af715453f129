import type { Client } from './client.js';

export type AnalysisKind = 'solve' | 'sensitivity' | 'stress' | 'simulate';

export interface AnalysisTarget {
  dealId: string;
  revision?: number;
  scenario?: string;
}

export interface RunOptions {
  signal: AbortSignal;
  /** 0–1 when the server reports progress; null while it cannot tell (a synchronous request). */
  onProgress: (fraction: number | null) => void;
}

/**
 * How the page runs a decision tool. Today the API answers these requests synchronously, so a run is
 * one request — progress unknown until it answers, then 100% — cancelled by aborting it. When the API
 * gains jobs (`Prefer: respond-async`, a job resource with progress), a job runner with the same
 * signature replaces this one and the pages stay as they are.
 */
export interface AnalysisRunner {
  run(kind: AnalysisKind, target: AnalysisTarget, body: unknown, options: RunOptions): Promise<any>;
}

export function createSynchronousRunner(client: Client): AnalysisRunner {
  return {
    async run(kind, target, body, { signal, onProgress }) {
      onProgress(null);
      const reply = await client.call(kind, { params: { id: target.dealId }, query: { revision: target.revision, scenario: target.scenario }, body, signal });
      onProgress(1);
      return reply.body;
    },
  };
}
