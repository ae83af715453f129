import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';

/**
 * A request answered without its body being read (401, 415, a route that takes none) leaves the rest of
 * the body on the connection, so the server closes it after the answer. Saying so (`Connection: close`)
 * keeps a keep-alive client from sending its next request on that socket and getting "other side
 * closed" (the fuzz run met 14 in 10,000 requests before this).
 */
export const closeUnreadBodies = createMiddleware(async (c, next) => {
  await next();
  if (c.res.headers.has('Connection')) return;
  // On the Node server the body is read from the socket itself (limit-body.ts): unread is not ended.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const unread = incoming !== undefined && typeof incoming.on === 'function'
    ? !incoming.readableEnded && c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.header('content-length') !== '0' && (c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined)
    : c.req.raw.body !== null && c.req.header('content-length') !== '0' && !c.req.raw.bodyUsed;
  if (unread) c.res.headers.set('Connection', 'close');
});
