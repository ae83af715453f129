/**
 * limitBody reads a body once into one buffer with a hard cap (issue 12, item 7): on the real Node
 * server straight from the socket's chunks, elsewhere from the request's web stream. The handler's
 * c.req.arrayBuffer() is that buffer, of exactly the body's length; past the cap is 413 whether the
 * length was announced (refused before reading) or the body came chunked (refused once past it).
 */
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeUnreadBodies } from '../../../src/api/http/close-unread-bodies.js';
import { limitBody } from '../../../src/api/middleware/limit-body.js';
import { ApiProblem } from '../../../src/api/problems/api-problem.js';

const LIMIT = 100_000;
const app = new Hono();
app.onError((error, c) => c.json({ code: error instanceof ApiProblem ? error.code : 'OTHER', message: error.message }, error instanceof ApiProblem ? 413 : 500));
app.use(closeUnreadBodies);
app.use(limitBody(LIMIT));
app.post('/echo', async (c) => {
  const buffer = await c.req.arrayBuffer();
  const again = await c.req.arrayBuffer();
  // The text is decoded here only to check the bytes; the service hands the buffer on instead.
  return c.json({ byteLength: buffer.byteLength, same: buffer === again, text: new TextDecoder().decode(buffer) });
});
app.post('/ignores', (c) => c.json({ ignored: true }));

/** Keep-alive, so the server's Connection header says whether it keeps the socket. */
const agent = new Agent({ keepAlive: true });
let server: ServerType;
let port = 0;
beforeAll(async () => {
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  agent.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A POST over a real socket; `chunks` sent with Transfer-Encoding: chunked unless `contentLength`. */
function send(path: string, chunks: string[], contentLength?: number): Promise<{ status: number; connection: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (contentLength !== undefined) headers['Content-Length'] = contentLength;
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
    });
    req.on('error', (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('limitBody on the Node server', () => {
  it('hands the handler the body with its announced length, in one buffer the size of the body (a cached one on each read)', async () => {
    const body = JSON.stringify({ name: '鼓楼', pad: 'x'.repeat(70_000) });
    const bytes = Buffer.byteLength(body);
    const reply = await send('/echo', [body.slice(0, 30_000), body.slice(30_000)], bytes);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ byteLength: bytes, same: true, text: body });
    expect(reply.connection).toBe('keep-alive');
  });

  it('reads a chunked body (no Content-Length) by growing the buffer, and answers it at its length', async () => {
    const parts = ['{"a":"', 'y'.repeat(80_000), '"}'];
    const reply = await send('/echo', parts);
    expect(reply.body.byteLength).toBe(80_000 + 8);
    expect(reply.body.text).toBe(parts.join(''));
  });

  it('refuses an announced length over the limit with 413 before reading, and closes the connection', async () => {
    const reply = await send('/echo', ['{}'], LIMIT + 1);
    expect([reply.status, reply.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    expect(reply.connection).toBe('close');
  });

  it('refuses a chunked body once it passes the limit with 413', async () => {
    const reply = await send('/echo', ['"', 'z'.repeat(60_000), 'z'.repeat(60_000), '"']);
    expect([reply.status, reply.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
  });

  it('reads a body exactly at the limit', async () => {
    const body = `"${'q'.repeat(LIMIT - 2)}"`;
    const reply = await send('/echo', [body], LIMIT);
    expect([reply.status, reply.body.byteLength]).toEqual([200, LIMIT]);
  });

  it('keeps the connection when the body was read even if the handler did not look at it', async () => {
    const reply = await send('/ignores', ['{"a":1}'], 7);
    expect([reply.status, reply.connection]).toEqual([200, 'keep-alive']);
  });
});

describe('limitBody on app.request (tests, a job replayed)', () => {
  it('reads the web stream into one buffer of the body length, and 413 past the limit', async () => {
    const body = JSON.stringify({ b: 'w'.repeat(50_000) });
    const ok = await app.request('/echo', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(await ok.json()).toEqual({ byteLength: body.length, same: true, text: body });
    const big = await app.request('/echo', { method: 'POST', body: 'v'.repeat(LIMIT + 1), headers: { 'Content-Type': 'application/json' } });
    expect(big.status).toBe(413);
  });
});
