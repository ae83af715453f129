import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

/** Content types of what Vite writes into the build. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Built files have a content hash in their name (Vite's `assets/name-HASH.ext`): they never change. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files, so the browser asks again every time. */
export const INDEX_CACHE = 'no-cache';

function readFileIfPresent(path: string): Buffer | null {
  try {
    return statSync(path).isFile() ? readFileSync(path) : null;
  } catch {
    return null;
  }
}

function answer(method: string, bytes: Buffer, type: string, cache: string): Response {
  const headers = { 'Content-Type': type, 'Content-Length': String(bytes.length), 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' };
  return new Response(method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers });
}

/**
 * The workbench (web/, built into `root`): `/` and `/index.html` answer the page, `/assets/*` the
 * hashed bundles. Anything else — the API, /docs, /openapi.json, /health — passes through untouched.
 * A middleware rather than routes, so the OpenAPI document (which lists routes) stays the API's.
 */
export function serveWebApp(root: string | null) {
  const base = root === null ? null : normalize(root);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (base === null || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    const path = c.req.path;
    if (path === '/' || path === '/index.html') {
      const html = readFileIfPresent(join(base, 'index.html'));
      if (!html) return next();
      return answer(c.req.method, html, CONTENT_TYPES['.html']!, INDEX_CACHE);
    }
    if (!path.startsWith('/assets/')) return next();
    const file = normalize(join(base, decodeURIComponent(path)));
    if (!file.startsWith(base + sep)) return next();
    const bytes = readFileIfPresent(file);
    if (!bytes) return next();
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    return answer(c.req.method, bytes, type, IMMUTABLE_CACHE);
  });
}
