import { bodyLimit } from 'hono/body-limit';
import { ApiProblem } from '../problems/api-problem.js';

/** Refuse bodies over the limit with 413 before reading them (Content-Length) or while reading them. */
export function limitBody(limitBytes: number) {
  return bodyLimit({
    maxSize: limitBytes,
    onError: () => {
      throw new ApiProblem('BODY_TOO_LARGE', { limitBytes });
    },
  });
}
