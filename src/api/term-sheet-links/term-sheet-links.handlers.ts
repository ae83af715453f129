import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { newId } from '../../db/new-id.js';
import { recordTermSheetLink } from '../../db/term-sheet-links.js';
import { nameTermSheetFile } from '../../export/workbook-file-name.js';
import { readAnalysisBody } from '../analysis/read-analysis-body.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';
import { parseIncludedSimulation } from '../term-sheets/included-simulation.js';
import { resolveTermSheetDeal } from '../term-sheets/resolve-term-sheet-deal.js';
import { answerTermSheet } from '../term-sheets/term-sheets.handlers.js';
import { claimLongJobSlot } from '../middleware/limit-long-jobs.js';
import { readLinkGrant, signLinkGrant } from './link-token.js';
import type { createTermSheetLinkRoute, openTermSheetLinkRoute } from './term-sheet-links.routes.js';

const SHEETS = ['stress', 'sensitivity', 'simulation'] as const;

const rejectBody = (errors: { path: string; code: string; message: string }[]) => new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: errors.length }, { errors });

/** Where links point: the configured public origin (behind a proxy), else the origin the request came to. */
const readBaseUrl = (c: Context<AppEnv>) => (c.var.deps.config.publicBaseUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

/**
 * A signed link to one revision's term sheet. Everything the link will show is checked now (the
 * revision and scenario exist, the sheets and simulation parameters are valid, the deal is valid), so
 * a link that was handed out does not fail later for a reason its maker could have seen.
 */
export const createTermSheetLink: RouteHandler<typeof createTermSheetLinkRoute, AppEnv> = async (c) => {
  const { deps, principal } = c.var;
  const input = await readAnalysisBody(c, 'termSheetLink');
  const maxTtl = deps.config.termSheetLinkMaxTtlSeconds;
  const ttlSeconds = input.expiresInSeconds ?? Math.min(deps.config.termSheetLinkDefaultTtlSeconds, maxTtl);
  if (ttlSeconds > maxTtl) throw rejectBody([{ path: 'expiresInSeconds', code: 'TOO_LONG', message: `must be at most ${maxTtl} seconds (${maxTtl / 3600} h), the longest a link may work here` }]);
  const requested = new Set(input.include?.split(',') ?? []);
  const include = SHEETS.filter((sheet) => requested.has(sheet));
  const simulation = parseIncludedSimulation(requested.has('simulation'), input);
  if (!simulation.ok) throw rejectBody(simulation.problems);

  let resolved: Awaited<ReturnType<typeof resolveTermSheetDeal>>;
  try {
    resolved = await resolveTermSheetDeal(c, c.req.valid('param').id, input);
  } catch (error) {
    // A revision that conflicts with the scenario is a field of this body, not of a query string.
    if (error instanceof ApiProblem && error.code === 'INVALID_REQUEST') throw rejectBody([...error.errors]);
    throw error;
  }
  const { input: content, ...origin } = resolved;
  const deal = await validateDealOrThrow(deps, content);

  const now = deps.clock();
  const asOf = input.asOf ?? readToday(deps.clock, deps.config.timeZone);
  const expiresAtMs = now.getTime() + ttlSeconds * 1000;
  const expiresAt = new Date(expiresAtMs).toISOString();
  const request = simulation.request;
  const linkId = newId('lnk');
  const token = signLinkGrant(
    {
      linkId,
      keyId: principal.keyId,
      dealId: origin.dealId,
      revision: origin.revision,
      scenarioId: origin.scenario?.id,
      include: include.length > 0 ? include.join(',') : undefined,
      ...(request ? { draws: request.draws, seed: request.seed, irrTarget: String(request.irrTarget) } : {}),
      asOf,
      expiresAtMs,
    },
    deps.config.linkSigningSecret,
  );
  await recordTermSheetLink(
    deps.db,
    { id: linkId, keyId: principal.keyId, dealId: origin.dealId, revision: origin.revision, scenarioId: origin.scenario?.id ?? null, include, asOf, expiresAt },
    { organisationId: principal.organisationId, actorKeyId: principal.keyId, at: now.toISOString() },
  );
  const fileName = nameTermSheetFile({
    dealName: deal.name,
    ...origin,
    include: { stress: requested.has('stress'), sensitivity: requested.has('sensitivity'), simulation: request && { draws: request.draws, seed: request.seed } },
  });
  return c.json({ id: linkId, url: `${readBaseUrl(c)}/api/v1/term-sheet-links/${token}`, expiresAt, dealId: origin.dealId, revision: origin.revision, scenario: origin.scenario?.id ?? null, include, asOf, fileName }, 201);
};

/**
 * The workbook a link grants (authenticate-link.ts has checked its signature, time and key): the
 * pinned revision (or scenario on it) as the link's maker sees it now. A deal no longer visible to
 * its organisation, or a scenario gone or moved to another revision, makes the link invalid (403),
 * never the content of something the maker may no longer see. With analysis sheets it is a long
 * job of the maker's organisation, within its cap (429).
 */
export const openTermSheetLink: RouteHandler<typeof openTermSheetLinkRoute, AppEnv> = async (c) => {
  const { deps } = c.var;
  const grant = readLinkGrant(c.req.valid('param').token, deps.config.linkSigningSecret);
  if (!grant) throw new ApiProblem('LINK_INVALID', {});
  let resolved: Awaited<ReturnType<typeof resolveTermSheetDeal>>;
  try {
    resolved = await resolveTermSheetDeal(c, grant.dealId, { revision: grant.revision, scenario: grant.scenarioId });
  } catch (error) {
    if (error instanceof ApiProblem && (error.code === 'NOT_FOUND' || error.code === 'INVALID_REQUEST')) throw new ApiProblem('LINK_INVALID', {});
    throw error;
  }
  const { input, ...origin } = resolved;
  const deal = await validateDealOrThrow(deps, input);
  const query = { asOf: grant.asOf, include: grant.include, draws: grant.draws?.toString(), seed: grant.seed?.toString(), irrTarget: grant.irrTarget };
  // With analysis sheets it is a long job: a slot of the maker's organisation, counted where every other long request's is.
  const slot = grant.include === undefined ? undefined : await claimLongJobSlot(c);
  try {
    const response = await answerTermSheet(c, deal, query, origin);
    // The token is the credential: not cached by shared caches, not sent on as a Referer.
    response.headers.set('Cache-Control', 'private, no-store');
    response.headers.set('Referrer-Policy', 'no-referrer');
    return response;
  } finally {
    await slot?.release();
  }
};
