import { readToday } from './evaluation/as-of.js';

/** What the warm-up needs of the app: to answer one request in-process. */
export interface RequestAnswerer {
  request(path: string): Response | Promise<Response>;
}

/**
 * Pay, before the server listens, the one-time costs the first requests would otherwise pay on the
 * request thread while others wait (measured under `npm run bench:health -- --profile`): the router
 * compiles its matcher on the first request it routes (~100 ms on a loaded machine), and the first
 * formatter of the service's time zone loads its ICU data (~50 ms, the first evaluation without `asOf`).
 * Returns once the in-process /health request has answered; its answer is only drained.
 */
export async function warmUpRequestThread(app: RequestAnswerer, timeZone: string): Promise<void> {
  readToday(() => new Date(), timeZone);
  const response = await app.request('/health');
  await response.arrayBuffer();
}
