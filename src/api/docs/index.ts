import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRouter } from '../create-router.js';
import { ApiProblem } from '../problems/api-problem.js';
import { DOCS_PAGE } from './docs-page.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** Where npm put swagger-ui-dist. */
function findSwaggerUiDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** GET /docs (Swagger UI over /openapi.json) and its two static files, read once per app. */
export function createDocsRouter() {
  const loaded = new Map<string, Promise<Buffer>>();
  const router = createRouter();
  router.get('/docs', (c) => c.html(DOCS_PAGE));
  router.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) throw new ApiProblem('ROUTE_NOT_FOUND', { method: 'GET', path: c.req.path });
    if (!loaded.has(file)) loaded.set(file, readFile(join(findSwaggerUiDirectory(), file)));
    const body = await loaded.get(file)!;
    return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
  return router;
}
