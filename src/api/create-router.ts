import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { rejectInvalidRequest } from './problems/validation-hook.js';

/** A router of one resource; invalid requests become problems through the one default hook. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalidRequest });
}
