import { createMiddleware } from 'hono/factory';
import { measureJsonDepthInSteps } from '../http/measure-json-depth.js';
import { ApiProblem } from '../problems/api-problem.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Refuse a JSON body nested deeper than `maxDepth` with 400 before anything parses it: JSON.parse,
 * zod and every recursive walk of the value then meet only bounded nesting. The body is read once
 * here as bytes (it is already under the size limit; hono caches them for the handler) and scanned
 * without decoding: this scan is all a deal body costs the request thread, the evaluator decodes and
 * parses it (read-json-body.ts). The scan runs in steps of 256 KiB, one per turn of the event loop
 * (measureJsonDepthInSteps), so a 2 MB body never holds the thread in one stretch. A deal is some 6 levels deep.
 */
export function limitJsonDepth(maxDepth: number) {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
      if (JSON_MEDIA_TYPE.test(mediaType)) {
        const depth = await measureJsonDepthInSteps(new Uint8Array(await c.req.arrayBuffer()), maxDepth);
        if (depth > maxDepth) {
          throw new ApiProblem('JSON_TOO_DEEP', { maxDepth }, { errors: [{ code: 'JSON_TOO_DEEP', path: '', message: `nested more than ${maxDepth} levels deep` }] });
        }
      }
    }
    await next();
  });
}
