import type { JobAnswer } from '../../jobs/job-kinds.js';

/** The headers of an answer worth keeping: what it is and how to save it. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'content-language', 'retry-after'];

/** A response kept as a job's answer: its status, the headers worth keeping, its body. */
export async function keepJobAnswer(response: Response): Promise<JobAnswer> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return { status: response.status, headers: kept, body: Buffer.from(await response.arrayBuffer()) };
}
