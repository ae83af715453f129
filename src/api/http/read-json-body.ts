import type { Context } from 'hono';
import { ApiProblem } from '../problems/api-problem.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export interface JsonBody {
  /** The body as sent: the evaluation cache keys on it. */
  text: string;
  value: unknown;
}

/**
 * Read a JSON body for the routes that validate it themselves (a deal is checked by parseDeal, which
 * reports every problem at once, not by a route schema): 415 unless the body says it is JSON, 400
 * when it is empty or does not parse.
 */
export async function readJsonBody(c: Context): Promise<JsonBody> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new ApiProblem('UNSUPPORTED_MEDIA_TYPE', {});
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiProblem('MALFORMED_JSON', { reason: 'the body is empty' });
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (error) {
    throw new ApiProblem('MALFORMED_JSON', { reason: (error as Error).message });
  }
}
