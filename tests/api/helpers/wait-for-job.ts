export interface WaitForJobOptions {
  /** How long the job may take before the wait gives up and hands back its last state (ms). */
  timeoutMs?: number;
  /** How often the job is read again (ms). */
  intervalMs?: number;
}

/**
 * The job's state once it is over (neither `queued` nor `running`), read again every `intervalMs` through
 * `read` (GET of the job's Location, by any service process); after `timeoutMs` its last state, for the
 * test's own expectation on `status` to fail with.
 */
export async function waitForJobEnd<R extends { body: { status?: string } }>(first: R, read: () => Promise<R>, { timeoutMs = 200_000, intervalMs = 100 }: WaitForJobOptions = {}): Promise<R> {
  let job = first;
  const deadline = Date.now() + timeoutMs;
  while (['queued', 'running'].includes(job.body.status ?? '') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    job = await read();
  }
  return job;
}
