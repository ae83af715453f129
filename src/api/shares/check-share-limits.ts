import { listShareOrganisationNames } from '../../db/share-limits.js';
import type { DbOrTx } from '../../db/open-database.js';
import type { AppConfig } from '../app-config.js';
import { ApiProblem } from '../problems/api-problem.js';

/**
 * Refuse a new share past the caps: a deal or portfolio
 * shared with `sharesPerDeal` organisations takes no more, and an organisation sharing with
 * `shareOrganisationsPerOrganisation` different organisations shares with no new one. Both count the
 * caller's own shares whatever they name, known organisation or not yet, so a client cannot register
 * an unbounded number of made-up organisations and the answer still never tells whether a name exists.
 * Call it only for a share not made yet (sharing again is no change and never refused).
 */
export async function checkShareLimits(
  db: DbOrTx,
  config: Pick<AppConfig, 'sharesPerDeal' | 'shareOrganisationsPerOrganisation'>,
  request: { scope: 'deal' | 'portfolio'; sharesOfSubject: number; organisationId: string; withName: string },
): Promise<void> {
  if (request.sharesOfSubject >= config.sharesPerDeal) throw new ApiProblem('TOO_MANY_SHARES', { scope: request.scope, limit: config.sharesPerDeal });
  const sharedWith = await listShareOrganisationNames(db, request.organisationId);
  if (!sharedWith.has(request.withName) && sharedWith.size >= config.shareOrganisationsPerOrganisation) {
    throw new ApiProblem('TOO_MANY_SHARES', { scope: 'organisation', limit: config.shareOrganisationsPerOrganisation });
  }
}
