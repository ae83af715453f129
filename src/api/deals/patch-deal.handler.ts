import type { RouteHandler } from '@hono/zod-openapi';
import { loadChangeableDeal } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { readIfMatchRevision } from '../http/if-match.js';
import { throwJobFailure } from '../evaluation/evaluate-content.js';
import { readJsonBodyBytes } from '../http/read-json-body.js';
import { ApiProblem } from '../problems/api-problem.js';
import { saveRevisionAndRespond, staleRevision } from './deals.handlers.js';
import { JSON_PATCH_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE, type patchDealRoute } from './patch-deal.routes.js';

/** PATCH /deals/{id}: a JSON Patch or a JSON merge patch of the current revision, making the next revision as PUT does. */
export const patchOneDeal: RouteHandler<typeof patchDealRoute, AppEnv> = async (c) => {
  const head = await loadChangeableDeal(c, c.req.valid('param').id);
  const expected = readIfMatchRevision(c.req.valid('header')['if-match']);
  // Preconditions before the body (RFC 9110 §13.2.2): a stale edit is 412 whatever it contains.
  if (expected !== head.revision) throw staleRevision(head.revision, expected);
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== JSON_PATCH_MEDIA_TYPE && mediaType !== MERGE_PATCH_MEDIA_TYPE) throw new ApiProblem('PATCH_MEDIA_TYPE', {});
  const base = await loadRevision(c, head);
  // The patch's bytes are parsed, applied and the result validated on the evaluator (a worker in the server).
  const patched = await c.var.deps.evaluator.validate({
    input: base.content,
    overrides: await readJsonBodyBytes(c),
    overridesPath: '',
    overridesForm: mediaType === JSON_PATCH_MEDIA_TYPE ? 'json-patch' : 'merge-patch',
  });
  if (!patched.ok) {
    if (patched.code === 'MALFORMED_JSON') throwJobFailure(patched);
    const opFailed = patched.problems.some((p) => p.path === '' || p.path.startsWith('['));
    throw new ApiProblem('VALIDATION_FAILED', { subject: opFailed ? 'body' : 'deal', count: patched.total }, { errors: patched.problems, total: patched.total });
  }
  if (!('deal' in patched)) throw new Error('a template request where a patched deal was expected');
  return await saveRevisionAndRespond(c, head.id, expected, patched.deal);
};
