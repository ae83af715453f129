import type { Context } from 'hono';
import { ApiProblem } from '../problems/api-problem.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export interface JsonBody {
  /** The body as sent: the evaluation cache keys on it. */
  text: string;
  value: unknown;
}

/** 415 unless the request says its body is JSON. */
export function requireJsonMediaType(c: Context): void {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new ApiProblem('UNSUPPORTED_MEDIA_TYPE', {});
}

/**
 * Read a small JSON body on the request thread (an analysis request): 415 unless the body says it is
 * JSON, 400 when it is empty or does not parse. Deals are not read this way: see readJsonBodyBytes.
 */
export async function readJsonBody(c: Context): Promise<JsonBody> {
  requireJsonMediaType(c);
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiProblem('MALFORMED_JSON', { reason: 'the body is empty' });
  return { text, value: parseJsonText(text) };
}

/**
 * The body of a route that takes a deal, as the bytes sent, for the evaluator to decode, parse and
 * validate on a worker thread (evaluate-input.ts readJobInput): the request thread only checks the
 * media type (415) and that the body is not empty (400), and the depth scan has already run
 * (limit-json-depth.ts). A 2 MB body thus costs the event loop a copy, not a parse.
 */
export async function readJsonBodyBytes(c: Context): Promise<Uint8Array> {
  requireJsonMediaType(c);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (isBlank(bytes)) throw new ApiProblem('MALFORMED_JSON', { reason: 'the body is empty' });
  return bytes;
}

/** JSON.parse, with a parse error as 400 MALFORMED_JSON naming the reason. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiProblem('MALFORMED_JSON', { reason: (error as Error).message });
  }
}

/** Whether the bytes are only JSON whitespace (space, tab, line feed, carriage return). */
export function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}
