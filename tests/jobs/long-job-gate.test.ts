import { describe, expect, it } from 'vitest';
import { createLongJobGate } from '../../src/jobs/long-job-gate.js';

describe('createLongJobGate', () => {
  it('admits up to the cap per owner, independently of other owners, and frees a slot once', () => {
    const gate = createLongJobGate(2);
    const first = gate.tryEnter('A')!;
    const second = gate.tryEnter('A')!;
    expect(gate.tryEnter('A')).toBeUndefined();
    expect(gate.tryEnter('B')).toBeTypeOf('function');
    expect(gate.running('A')).toBe(2);
    first();
    first(); // twice is still one release
    expect(gate.running('A')).toBe(1);
    expect(gate.tryEnter('A')).toBeTypeOf('function');
    second();
    expect(gate.running('A')).toBe(1);
  });

  it('refuses a cap that is not a whole number of at least 1', () => {
    expect(() => createLongJobGate(0)).toThrow('at least 1');
  });
});
