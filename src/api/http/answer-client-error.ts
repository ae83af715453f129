import type { Duplex } from 'node:stream';
import { ApiProblem } from '../problems/api-problem.js';
import { PROBLEM_CONTENT_TYPE, writeProblemDocument } from '../problems/render-problem.js';

/** Node's default limit on the request line and headers together (http.maxHeaderSize). */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Answer a request Node's HTTP parser refused before it reached the app (the server's 'clientError'):
 * headers over the limit get 431 as problem+json (in English: the headers, Accept-Language included,
 * were not read); a request that timed out 408 and anything else 400, as Node answers them; then the
 * connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const body = JSON.stringify(writeProblemDocument(new ApiProblem('HEADERS_TOO_LARGE', { limitBytes: MAX_HEADER_BYTES }), 'en', '/'));
    socket.end(
      `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Language: en\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return;
  }
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  socket.end(timedOut ? 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
}
