/**
 * A queue shared by several owners (organisations) that hands out their items in turn instead of first
 * come, first served: weighted round robin. Owners with waiting items form a ring in the order they
 * arrived; the owner at the ring's turn gives up to `weight` items (its share, default 1), then the turn
 * passes on. An owner whose items run out leaves the ring; one that comes back joins at the end.
 *
 * So an item never waits for more than one turn of every other owner: a small run behind a big one of
 * another organisation waits at most (owners − 1) × share items, whatever the big run's size.
 * Within one owner the order stays first in, first out. Pure: no clock, no threads.
 */
export interface FairQueue<T> {
  push(owner: string, item: T): void;
  /** The next item by the turn, or undefined when nothing waits. */
  shift(): T | undefined;
  /** Take out (and return) every waiting item that matches, keeping the others' order and the turn. */
  remove(matches: (item: T) => boolean): T[];
  /** Items waiting, in all or of one owner. */
  size(owner?: string): number;
}

export interface FairQueueOptions {
  /** Items an owner gives per turn (its share of the workers); owners not named get `defaultWeight`. */
  weights?: Readonly<Record<string, number>>;
  defaultWeight?: number;
}

export function createFairQueue<T>({ weights = {}, defaultWeight = 1 }: FairQueueOptions = {}): FairQueue<T> {
  const waiting = new Map<string, T[]>();
  const ring: string[] = [];
  let turn = 0;
  let givenThisTurn = 0;
  const weightOf = (owner: string) => Math.max(1, Math.floor(weights[owner] ?? defaultWeight));

  const leaveRing = (owner: string) => {
    const index = ring.indexOf(owner);
    if (index < 0) return;
    ring.splice(index, 1);
    waiting.delete(owner);
    if (index < turn) turn -= 1;
    else if (index === turn) givenThisTurn = 0;
    if (turn >= ring.length) turn = 0;
  };

  return {
    push(owner, item) {
      const items = waiting.get(owner);
      if (items) items.push(item);
      else {
        waiting.set(owner, [item]);
        ring.push(owner);
      }
    },
    shift() {
      if (ring.length === 0) return undefined;
      const owner = ring[turn]!;
      const items = waiting.get(owner)!;
      const item = items.shift()!;
      givenThisTurn += 1;
      if (items.length === 0) leaveRing(owner);
      else if (givenThisTurn >= weightOf(owner)) {
        turn = (turn + 1) % ring.length;
        givenThisTurn = 0;
      }
      return item;
    },
    remove(matches) {
      const removed: T[] = [];
      for (const owner of [...ring]) {
        const items = waiting.get(owner)!;
        const kept = items.filter((item) => !matches(item));
        if (kept.length === items.length) continue;
        removed.push(...items.filter(matches));
        if (kept.length === 0) leaveRing(owner);
        else waiting.set(owner, kept);
      }
      return removed;
    },
    size(owner) {
      if (owner !== undefined) return waiting.get(owner)?.length ?? 0;
      let n = 0;
      for (const items of waiting.values()) n += items.length;
      return n;
    },
  };
}
