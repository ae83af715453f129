import { describe, expect, it } from 'vitest';
import { createFairQueue } from '../../src/jobs/fair-queue.js';

const drain = <T>(queue: { shift(): T | undefined }) => {
  const out: T[] = [];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.push(item);
  return out;
};

describe('createFairQueue', () => {
  it('keeps first in, first out for one owner', () => {
    const queue = createFairQueue<string>();
    for (const item of ['a1', 'a2', 'a3']) queue.push('A', item);
    expect(drain(queue)).toEqual(['a1', 'a2', 'a3']);
  });

  it('takes owners in turn: a small run queued behind a big one waits for one item of it, not all', () => {
    const queue = createFairQueue<string>();
    for (let i = 1; i <= 300; i++) queue.push('A', `a${i}`); // a 30,000-draw run: 300 chunks
    queue.push('B', 'b1'); // a 10-draw run: one chunk
    const order = drain(queue);
    expect(order.slice(0, 3)).toEqual(['a1', 'b1', 'a2']);
    expect(order).toHaveLength(301);
  });

  it('lets an owner that arrives while others wait join the ring at its end', () => {
    const queue = createFairQueue<string>();
    for (const item of ['a1', 'a2', 'a3', 'a4']) queue.push('A', item);
    queue.push('B', 'b1');
    queue.push('B', 'b2');
    expect(queue.shift()).toBe('a1');
    queue.push('C', 'c1');
    // Ring A, B, C with the turn at B: B, then C, then A again; B leaves after b2, C after c1.
    expect(drain(queue)).toEqual(['b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('gives an owner with a share of 2 two items per turn', () => {
    const queue = createFairQueue<string>({ weights: { A: 2 } });
    for (const item of ['a1', 'a2', 'a3', 'a4']) queue.push('A', item);
    for (const item of ['b1', 'b2']) queue.push('B', item);
    expect(drain(queue)).toEqual(['a1', 'a2', 'b1', 'a3', 'a4', 'b2']);
  });

  it('removes the items that match, keeps the rest in order, and counts by owner', () => {
    const queue = createFairQueue<{ run: number; n: number }>();
    for (let n = 0; n < 3; n++) queue.push('A', { run: 1, n });
    for (let n = 0; n < 2; n++) queue.push('B', { run: 2, n });
    queue.push('A', { run: 3, n: 0 });
    expect(queue.size()).toBe(6);
    expect(queue.size('A')).toBe(4);
    expect(queue.remove((item) => item.run === 1).map((item) => item.n)).toEqual([0, 1, 2]);
    expect(queue.size('A')).toBe(1);
    expect(drain(queue)).toEqual([
      { run: 3, n: 0 },
      { run: 2, n: 0 },
      { run: 2, n: 1 },
    ]);
    expect(queue.remove(() => true)).toEqual([]);
    expect(queue.shift()).toBeUndefined();
  });

  it('never waits an item more than one turn of every other owner (random pushes)', () => {
    // Invariant: between two items of owner X, each other owner gives at most its share (1).
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const queue = createFairQueue<string>();
    const owners = ['A', 'B', 'C', 'D'];
    for (let i = 0; i < 200; i++) {
      const owner = owners[Math.floor(random() * owners.length)]!;
      queue.push(owner, owner);
    }
    const order = drain(queue);
    const sizes = Object.fromEntries(owners.map((o) => [o, order.filter((x) => x === o).length]));
    for (const owner of owners) {
      const positions = order.flatMap((x, i) => (x === owner ? [i] : []));
      for (let k = 1; k < positions.length; k++) {
        const between = order.slice(positions[k - 1]! + 1, positions[k]!);
        for (const other of owners) if (other !== owner) expect(between.filter((x) => x === other).length).toBeLessThanOrEqual(1);
      }
      expect(positions).toHaveLength(sizes[owner]!);
    }
  });
});
