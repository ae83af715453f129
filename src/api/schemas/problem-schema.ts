import { z } from '@hono/zod-openapi';

export const fieldProblemSchema = z
  .object({
    path: z.string().openapi({ example: 'capex[0].amount', description: 'Where in the input: keys and [indices]; "" for the whole input.' }),
    code: z.string().openapi({ example: 'OUT_OF_RANGE', description: 'Stable English code.' }),
    message: z.string().openapi({ example: '应在 0 与 1000000000000 之间，实际为 1e+30', description: 'In the language of Accept-Language (zh-CN by default, en).' }),
  })
  .openapi('FieldProblem');

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation-failed' }),
    title: z.string().openapi({ example: '校验未通过' }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({ example: '项目数据有 2 处问题，见 errors（按路径列出）。' }),
    instance: z.string().openapi({ example: '/api/v1/deals' }),
    code: z.string().openapi({ example: 'VALIDATION_FAILED', description: 'Stable English code of the problem type.' }),
    errors: z.array(fieldProblemSchema).openapi({ description: 'The first 100 problems, in input order.' }),
    truncated: z.literal(true).optional().openapi({ description: 'Present when there were more than 100 problems: only the first 100 are listed.' }),
    total: z.number().int().optional().openapi({ description: 'With truncated: how many problems there were in all.' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details; title, detail and messages follow Accept-Language (zh-CN default, en).' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, or an invalid query, path or header value',
  401: 'No API key, or an unknown, revoked or expired one',
  403: 'The key may see this but its role (or a read-only share) does not allow the change',
  404: 'Not found, or not visible to the key\'s organisation',
  409: 'Conflicts with the current state (archived deal, scenario name taken)',
  410: 'The link has expired, or the job\'s result is no longer kept',
  412: 'If-Match names a revision that is no longer the current one',
  413: 'Request body over the size limit',
  415: 'Body not sent as application/json',
  422: 'The body (a deal, a scenario…) is invalid; every problem is listed by path',
  428: 'If-Match is required',
  429: 'Too many long jobs running, or jobs queued, for your organisation (Retry-After says when to retry)',
  500: 'Unexpected failure',
  503: 'A part of the service is unavailable (e.g. Chromium for the PDF term sheet); the rest works',
};

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

const problemResponse = (status: ProblemStatus) => ({ description: DESCRIPTIONS[status]!, content: { 'application/problem+json': { schema: problemSchema } } });

/** The problem responses of a route: the ones every /api/v1 route can give, and those named. */
export function describeProblemResponses<S extends ProblemStatus>(...statuses: S[]) {
  const all = [...new Set<ProblemStatus>([400, 401, 413, 500, ...statuses])];
  return Object.fromEntries(all.map((s) => [s, problemResponse(s)])) as Record<S | 400 | 401 | 413 | 500, ReturnType<typeof problemResponse>>;
}

/**
 * Exactly the problem responses named, each with what it means on this route: for a route outside
 * the key scheme (a signed link carries no Bearer key, so it never answers 401).
 */
export function describeOnlyProblemResponses<S extends ProblemStatus>(descriptions: Record<S, string>) {
  return Object.fromEntries(Object.entries(descriptions).map(([s, description]) => [s, { ...problemResponse(Number(s) as ProblemStatus), description: description as string }])) as Record<S, ReturnType<typeof problemResponse>>;
}
