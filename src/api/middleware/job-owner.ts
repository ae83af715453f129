import { AsyncLocalStorage } from 'node:async_hooks';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

const owners = new AsyncLocalStorage<string>();

/**
 * Whose work the worker pools are queueing: the organisation (by name) of the request being answered. The pools
 * take it through their `ownerOf` option (server.ts passes this function), so no handler has to thread
 * it through every evaluator call; outside a request (the CLI, tests) the owner is "anonymous".
 */
export function currentJobOwner(): string {
  return owners.getStore() ?? 'anonymous';
}

/** Runs the rest of the request as work of the caller's organisation (after `authenticate`). */
export const bindJobOwner = createMiddleware<AppEnv>((c, next) => owners.run(c.var.principal.organisationName, next));
