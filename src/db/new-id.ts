import { randomBytes } from 'node:crypto';

/** A service-made identifier: a prefix naming the kind of thing and 64 random bits, e.g. `deal_3f9a0c1b2d4e5f60`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
