// A worker thread started with `arithmetic: 'float64'` (src/worker-bootstrap.mjs): evaluates the cases
// it is sent on the float64 fast path and answers their indicators.
import { parentPort } from 'node:worker_threads';
import { RUNS_ON_FLOAT64 } from '../../src/finance/decimal.js';
import { evaluateVariantIndicators, type VariantCase } from './variant-indicators.js';

parentPort!.on('message', ({ cases, asOf }: { cases: VariantCase[]; asOf: string }) => {
  parentPort!.postMessage({ runsOnFloat64: RUNS_ON_FLOAT64, results: cases.map((c) => evaluateVariantIndicators(c, asOf)) });
});
