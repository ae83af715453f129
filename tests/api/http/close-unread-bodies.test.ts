import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { closeUnreadBodies } from '../../../src/api/http/close-unread-bodies.js';

describe('closeUnreadBodies', () => {
  const app = new Hono();
  app.use(closeUnreadBodies);
  app.post('/refuses', (c) => c.json({ refused: true }, 415));
  app.post('/reads', async (c) => c.json(await c.req.json()));
  app.get('/plain', (c) => c.text('ok'));
  const post = (path: string, body: string) => app.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } });

  it('says Connection: close when the answer left the body unread', async () => {
    const response = await post('/refuses', '{"a":1}');
    expect(response.status).toBe(415);
    expect(response.headers.get('Connection')).toBe('close');
  });

  it('keeps the connection when the body was read, or when there was none', async () => {
    const read = await post('/reads', '{"a":1}');
    expect(await read.json()).toEqual({ a: 1 });
    expect(read.headers.get('Connection')).toBeNull();
    expect((await app.request('/plain')).headers.get('Connection')).toBeNull();
  });
});
