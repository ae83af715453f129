import { countApiKeys, findPrincipalByKey, insertApiKey, mintApiKey } from './api-keys.js';
import type { Db } from './open-database.js';
import { DEFAULT_ORGANISATION, ensureOrganisation } from './organisations.js';

export type BootstrapOutcome =
  | { kind: 'keys-exist'; adminApiKeyIgnored: boolean }
  | { kind: 'from-environment' }
  | { kind: 'generated'; key: string };

/** ADMIN_API_KEY must be hard to guess: it becomes a real admin key. */
export const MIN_ADMIN_API_KEY_LENGTH = 24;

/**
 * Make sure someone can log in. When no key exists yet, the first admin key of the default
 * organisation is `adminApiKey` (from ADMIN_API_KEY) or, without it, a fresh key the caller shows once.
 */
export async function ensureFirstAdminKey(db: Db, options: { adminApiKey?: string; at: string; apiKeySecret: string }): Promise<BootstrapOutcome> {
  const { adminApiKey, at, apiKeySecret } = options;
  if (adminApiKey !== undefined && adminApiKey.length < MIN_ADMIN_API_KEY_LENGTH) {
    throw new Error(`ADMIN_API_KEY must be at least ${MIN_ADMIN_API_KEY_LENGTH} characters long`);
  }
  return db.transaction(async (tx): Promise<BootstrapOutcome> => {
    if ((await countApiKeys(tx)) > 0) {
      return { kind: 'keys-exist', adminApiKeyIgnored: adminApiKey !== undefined && (await findPrincipalByKey(tx, adminApiKey, apiKeySecret)) === undefined };
    }
    const { organisation } = await ensureOrganisation(tx, DEFAULT_ORGANISATION, at);
    const key = adminApiKey ?? mintApiKey();
    await insertApiKey(tx, { secret: apiKeySecret, organisationId: organisation.id, role: 'admin', key, label: 'first admin key', at });
    return adminApiKey === undefined ? { kind: 'generated', key } : { kind: 'from-environment' };
  });
}
