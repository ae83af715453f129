import { ApiProblem } from '../problems/api-problem.js';

/** The ETag of a deal: its revision number, quoted (`"3"`). */
export function formatRevisionTag(revision: number): string {
  return `"${revision}"`;
}

/**
 * The revision an `If-Match` header names: `"3"` (also `W/"3"` or a bare `3`, as clients send them).
 * Missing is 428 (RFC 6585): a PUT without it could silently overwrite someone else's change.
 */
export function readIfMatchRevision(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new ApiProblem('PRECONDITION_REQUIRED', {});
  const match = /^(?:W\/)?"?([1-9]\d{0,8})"?$/.exec(header.trim());
  if (!match) {
    throw new ApiProblem('INVALID_REQUEST', { where: 'header', count: 1 }, {
      errors: [{ path: 'If-Match', code: 'INVALID_FORMAT', message: `must be the revision you edited, quoted: "3"; got ${header.slice(0, 40)}` }],
    });
  }
  return Number(match[1]);
}
