import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What a term-sheet link opens, fixed when it is made: the key that made it (whose organisation's
 * access it carries), the deal, the revision (pinned: a later revision does not change what the link
 * shows), a scenario of that revision, the analysis sheets and the as-of date, and when it stops working.
 */
export interface LinkGrant {
  /** The link's record (db/term-sheet-links.ts), by which it is revoked; absent in links made before links had one. */
  linkId?: string;
  keyId: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  /** The `include` of the term-sheet route, e.g. "stress,simulation". */
  include?: string;
  draws?: number;
  seed?: number;
  irrTarget?: string;
  asOf: string;
  /** Epoch milliseconds from which the link answers 410. */
  expiresAtMs: number;
}

/** The wire form in the token, with short names (the URL stays short enough to paste into a mail). */
const grantSchema = z.strictObject({
  l: z.string().min(1).max(100).optional(),
  k: z.string().min(1).max(100),
  d: z.string().min(1).max(100),
  r: z.number().int().min(1),
  s: z.string().min(1).max(100).optional(),
  i: z.string().max(100).optional(),
  n: z.number().int().optional(),
  sd: z.number().int().optional(),
  t: z.string().max(40).optional(),
  a: z.iso.date(),
  e: z.number().int(),
});

/** Version and purpose go into what is signed, so a signature made for anything else never opens a link. */
const PREFIX = 'v1';
const PURPOSE = 'term-sheet-link';

const signPart = (payload: string, secret: string) => createHmac('sha256', secret).update(`${PURPOSE}.${PREFIX}.${payload}`, 'utf8').digest();

/** `v1.<payload, base64url JSON>.<HMAC-SHA-256 of it, base64url>`: anyone can read the grant, nobody without the secret can make or change one. */
export function signLinkGrant(grant: LinkGrant, secret: string): string {
  const wire = { l: grant.linkId, k: grant.keyId, d: grant.dealId, r: grant.revision, s: grant.scenarioId, i: grant.include, n: grant.draws, sd: grant.seed, t: grant.irrTarget, a: grant.asOf, e: grant.expiresAtMs };
  const payload = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  return `${PREFIX}.${payload}.${signPart(payload, secret).toString('base64url')}`;
}

/**
 * The grant of a token, or null when it was not made with this secret or was changed in any way
 * (signature compared in constant time, before the payload is even parsed).
 */
export function readLinkGrant(token: string, secret: string): LinkGrant | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, payload, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature)) return null;
  // Compared as text, not as decoded bytes: the last base64url character carries unused bits, so another
  // spelling of the same bytes would otherwise pass — a changed character must never open a link.
  const expected = Buffer.from(signPart(payload, secret).toString('base64url'), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = grantSchema.safeParse(json);
  if (!parsed.success) return null;
  const w = parsed.data;
  return { linkId: w.l, keyId: w.k, dealId: w.d, revision: w.r, scenarioId: w.s, include: w.i, draws: w.n, seed: w.sd, irrTarget: w.t, asOf: w.a, expiresAtMs: w.e };
}

/** The link secret when none is configured: derived from the API key secret (kept beside the database), so links survive a restart. */
export function deriveLinkSecret(apiKeySecret: string): string {
  return createHmac('sha256', apiKeySecret).update(PURPOSE, 'utf8').digest('base64url');
}
