import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from '../src/env.js';

describe('readWorkerEnv (npm run worker)', () => {
  it('needs a PostgreSQL DATABASE_URL and names it when it is missing or not one', () => {
    expect(() => readWorkerEnv({})).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(() => readWorkerEnv({ DATABASE_URL: 'data/capital.db' })).toThrow(/DATABASE_URL .*got "data\/capital.db"/);
    expect(readWorkerEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' })).toEqual({ databaseUrl: 'postgres://u@127.0.0.1:5432/db', queue: {}, budgets: { simulationChunkMs: 30_000, simulationRunMs: 180_000 } });
    // The queue's own URL wins over the service database's (a SQLite service with its queue on PostgreSQL).
    expect(readWorkerEnv({ DATABASE_URL: 'data/capital.db', QUEUE_DATABASE_URL: 'postgres://q@127.0.0.1/queue' }).databaseUrl).toBe('postgres://q@127.0.0.1/queue');
  });

  it('reads the queue\'s maintenance and polling intervals in whole seconds, and refuses others by name', () => {
    const env = readWorkerEnv({ DATABASE_URL: 'postgresql://h/db', QUEUE_MAINTENANCE_SECONDS: '5', QUEUE_POLLING_SECONDS: '2' });
    expect(env.queue).toEqual({ maintenanceIntervalSeconds: 5, pollingIntervalSeconds: 2 });
    expect(() => readWorkerEnv({ DATABASE_URL: 'postgres://h/db', QUEUE_POLLING_SECONDS: '0.5' })).toThrow(/QUEUE_POLLING_SECONDS must be a whole number from 1 to 60/);
  });

  it('reads the simulation budgets the service reads, so a queued part has the budget a part at once has', () => {
    const env = readWorkerEnv({ DATABASE_URL: 'postgres://h/db', SIMULATION_CHUNK_BUDGET_MS: '90000', SIMULATION_RUN_BUDGET_MS: '600000' });
    expect(env.budgets).toEqual({ simulationChunkMs: 90_000, simulationRunMs: 600_000 });
    expect(() => readWorkerEnv({ DATABASE_URL: 'postgres://h/db', SIMULATION_CHUNK_BUDGET_MS: '50' })).toThrow(/SIMULATION_CHUNK_BUDGET_MS/);
  });
});
