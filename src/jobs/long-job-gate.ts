/**
 * How many long jobs (simulations, goal seeks, sensitivities, stress packs, portfolio runs) each owner
 * (organisation) has running, with a cap: beyond it a new one is refused, and the API answers 429 with
 * Retry-After instead of queueing work the owner would wait minutes for. Pure bookkeeping, no clock.
 */
export interface LongJobGate {
  /** A slot for one more job of `owner`: the function that gives it back (call it once), or undefined at the cap. */
  tryEnter(owner: string): (() => void) | undefined;
  running(owner: string): number;
  /** Called with the owner each time a slot is given back (the job runner starts a queued job then). */
  onRelease(listener: (owner: string) => void): void;
}

export function createLongJobGate(maxPerOwner: number): LongJobGate {
  if (!Number.isInteger(maxPerOwner) || maxPerOwner < 1) throw new Error(`a long-job cap must be a whole number of at least 1, not ${maxPerOwner}`);
  const counts = new Map<string, number>();
  const listeners: ((owner: string) => void)[] = [];
  return {
    tryEnter(owner) {
      const now = counts.get(owner) ?? 0;
      if (now >= maxPerOwner) return undefined;
      counts.set(owner, now + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(owner) ?? 1) - 1;
        if (left <= 0) counts.delete(owner);
        else counts.set(owner, left);
        for (const listener of listeners) listener(owner);
      };
    },
    running: (owner) => counts.get(owner) ?? 0,
    onRelease: (listener) => {
      listeners.push(listener);
    },
  };
}
