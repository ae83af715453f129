import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES } from '../../src/api/http/answer-client-error.js';
import { startServer, type RunningServer } from './start-server.js';

// The real server: Node's parser refuses oversized headers before the app sees the request.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 180_000);
afterAll(() => server?.stop(), 60_000);

function get(path: string, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headers over the limit (item 10)', { timeout: 120_000 }, () => {
  it('answer 431 as problem+json naming the limit, not Node\'s plain-text 431', async () => {
    const reply = await get('/api/v1/templates', { Authorization: `Bearer ${server.key}`, 'X-Padding': 'x'.repeat(MAX_HEADER_BYTES + 1_000) });
    expect(reply.status).toBe(431);
    expect(reply.type).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(reply.body);
    expect(problem).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    expect(problem.detail).toContain(String(MAX_HEADER_BYTES));
  });

  it('leave a request with headers under the limit alone', async () => {
    const reply = await get('/api/v1/templates', { Authorization: `Bearer ${server.key}`, 'X-Padding': 'x'.repeat(8_000) });
    expect(reply.status).toBe(200);
  });
});
