import { insertApiKey, mintApiKey } from './api-keys.js';
import type { Db } from './open-database.js';
import { ensureOrganisation } from './organisations.js';
import type { Role } from './schema.js';

/** Mint a key for an organisation (made when new), from the command line: no key is its author. */
export async function createKeyForOrganisation(db: Db, options: { organisation: string; role: Role; label?: string; at: string; apiKeySecret: string }) {
  return db.transaction(async (tx) => {
    const { organisation, created } = await ensureOrganisation(tx, options.organisation, options.at);
    const key = mintApiKey();
    const keyId = await insertApiKey(tx, { secret: options.apiKeySecret, organisationId: organisation.id, role: options.role, key, label: options.label ?? null, at: options.at });
    return { key, keyId, organisationCreated: created };
  });
}
