import type { RouteHandler } from '@hono/zod-openapi';
import { applyOverrides } from '../../deal/apply-overrides.js';
import { reviseDeal } from '../../db/deals.js';
import { describeChange, loadChangeableDeal, loadVisibleDeal } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { formatRevisionTag, readIfMatchRevision } from '../http/if-match.js';
import { readJsonBody } from '../http/read-json-body.js';
import { ApiProblem } from '../problems/api-problem.js';
import { presentDeal } from './deal-resource.js';
import { staleRevision } from './deals.handlers.js';
import { JSON_PATCH_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE, type patchDealRoute } from './patch-deal.routes.js';

/** PATCH /deals/{id}: a JSON Patch or a JSON merge patch of the current revision, making the next revision as PUT does. */
export const patchOneDeal: RouteHandler<typeof patchDealRoute, AppEnv> = async (c) => {
  const head = loadChangeableDeal(c, c.req.valid('param').id);
  const expected = readIfMatchRevision(c.req.valid('header')['if-match']);
  // Preconditions before the body (RFC 9110 §13.2.2): a stale edit is 412 whatever it contains.
  if (expected !== head.revision) throw staleRevision(head.revision, expected);
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== JSON_PATCH_MEDIA_TYPE && mediaType !== MERGE_PATCH_MEDIA_TYPE) throw new ApiProblem('PATCH_MEDIA_TYPE', {});
  const { value } = await readJsonBody(c);
  const isJsonPatch = mediaType === JSON_PATCH_MEDIA_TYPE;
  if (isJsonPatch !== Array.isArray(value) || (!isJsonPatch && (typeof value !== 'object' || value === null))) {
    const message = isJsonPatch ? 'a JSON Patch is an array of operations, e.g. [{"op":"replace","path":"/discountRate","value":"0.08"}]' : 'a JSON merge patch is an object, e.g. {"discountRate":"0.08"}';
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors: [{ path: '', code: 'INVALID_TYPE', message }] });
  }
  const base = loadRevision(c, head);
  const patched = applyOverrides(base.content, value, '');
  if (!patched.ok) {
    const opFailed = patched.problems.some((p) => p.path.startsWith('['));
    throw new ApiProblem('VALIDATION_FAILED', { subject: opFailed ? 'body' : 'deal', count: patched.problems.length }, { errors: patched.problems });
  }
  const outcome = reviseDeal(c.var.deps.db, head.id, expected, { name: patched.deal.name, content: patched.deal }, describeChange(c));
  if (!outcome.ok) {
    if (outcome.reason === 'archived') throw new ApiProblem('DEAL_ARCHIVED', { id: head.id });
    throw staleRevision(outcome.currentRevision, expected);
  }
  const updated = loadVisibleDeal(c, head.id);
  c.header('ETag', formatRevisionTag(updated.revision));
  return c.json(presentDeal(updated, loadRevision(c, updated)), 200);
};
