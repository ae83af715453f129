import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';
import { ApiProblem } from '../problems/api-problem.js';

/**
 * Read a request's body once, into one buffer, refusing it with 413 past `limitBytes` — before
 * reading it when Content-Length says so, else as soon as the bytes pass the limit. On the Node server
 * the bytes are copied straight from the socket's chunks into an ArrayBuffer of the declared length:
 * no web stream in between (a promise per chunk) and no join of the chunks at the end (a second copy of
 * 2 MB), which were the request thread's largest costs per large body under the bombs (bench:health
 * --profile). The buffer is what `c.req.arrayBuffer()` then answers, and what the evaluator is handed
 * (transferred, not copied) to parse on a worker. Elsewhere (app.request in tests, a job's replay) the
 * request's web stream is read into the buffer the same way.
 */
export function limitBody(limitBytes: number) {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const declared = readContentLength(c.req.header('content-length'));
      if (declared !== undefined && declared > limitBytes) throw new ApiProblem('BODY_TOO_LARGE', { limitBytes });
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      const fromNode = incoming !== undefined && typeof incoming.on === 'function';
      // On Node a body is announced by its headers (reading c.req.raw.body would build a web stream of it).
      const hasBody = fromNode ? declared !== 0 && (declared !== undefined || c.req.header('transfer-encoding') !== undefined) : c.req.raw.body !== null;
      if (hasBody) {
        const bytes = fromNode ? await readIncoming(incoming, declared, limitBytes) : await readWebStream(c.req.raw.body, declared, limitBytes);
        if (bytes === null) throw new ApiProblem('BODY_TOO_LARGE', { limitBytes });
        // hono answers c.req.arrayBuffer() (and text(), json()) from this cache from now on.
        (c.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }).arrayBuffer = Promise.resolve(bytes);
      }
    }
    await next();
  });
}

function readContentLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** A buffer that takes chunks: of the declared size, or growing by doubling up to the limit. Null once past the limit. */
function createCollector(declared: number | undefined, limitBytes: number) {
  let target = new Uint8Array(declared ?? Math.min(limitBytes, 64 * 1024));
  let length = 0;
  return {
    add(chunk: Uint8Array): boolean {
      if (length + chunk.byteLength > limitBytes) return false;
      if (length + chunk.byteLength > target.byteLength) {
        const grown = new Uint8Array(Math.min(limitBytes, Math.max(target.byteLength * 2, length + chunk.byteLength)));
        grown.set(target.subarray(0, length));
        target = grown;
      }
      target.set(chunk, length);
      length += chunk.byteLength;
      return true;
    },
    /** The bytes, in an ArrayBuffer of their length (a copy only when it had to grow past what was sent). */
    finish(): ArrayBuffer {
      return (length === target.byteLength ? target.buffer : target.buffer.slice(0, length)) as ArrayBuffer;
    },
  };
}

/** The body from Node's socket chunks; null past the limit (the rest is left unread: the answer closes the connection). */
function readIncoming(incoming: IncomingMessage, declared: number | undefined, limitBytes: number): Promise<ArrayBuffer | null> {
  const collector = createCollector(declared, limitBytes);
  return new Promise((resolve, reject) => {
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      if (!collector.add(chunk)) {
        stop();
        incoming.pause();
        resolve(null);
      }
    };
    const onEnd = () => {
      stop();
      resolve(collector.finish());
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onAborted = () => onError(new Error('the client closed the connection before sending the whole body'));
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', onError);
    incoming.once('aborted', onAborted);
  });
}

/** The body from a web stream (app.request, a job's replay); null past the limit. */
async function readWebStream(stream: ReadableStream<Uint8Array> | null, declared: number | undefined, limitBytes: number): Promise<ArrayBuffer | null> {
  if (stream === null) return new ArrayBuffer(0);
  const collector = createCollector(declared, limitBytes);
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return collector.finish();
    if (!collector.add(value)) {
      await reader.cancel();
      return null;
    }
  }
}
