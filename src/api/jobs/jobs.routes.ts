import { createRoute, z } from '@hono/zod-openapi';
import { JOB_KINDS } from '../../jobs/job-kinds.js';
import { SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export const jobSchema = z
  .object({
    id: z.string().openapi({ example: 'job_0a1b2c3d4e5f6071' }),
    kind: z.enum(JOB_KINDS),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).openapi({ description: '`queued`: accepted, not started — waiting for a long-job slot of its organisation or, for a portfolio job on the durable queue (PostgreSQL), for a worker to take one of its chunks; `running`: being worked; then one end. Any service process on the database tells the same status.' }),
    request: z.object({ method: z.string(), path: z.string() }).openapi({ description: 'The request the job answers, as sent (without its headers).' }),
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable(), fraction: z.number().nullable() }).openapi({ description: 'Parts done of the total: simulation chunks of 100 draws, portfolio members; total null while unknown.' }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    elapsedSeconds: z.number(),
    estimatedRemainingSeconds: z.number().nullable().openapi({ description: 'elapsed × (total − done) / done while running; null otherwise.' }),
    resultExpiresAt: z.string().nullable().openapi({ description: 'Until when the answer is kept (24 h after the job ends by default); then GET …/result is 410.' }),
    resultExpired: z.boolean(),
    answer: z.object({ status: z.number().int().nullable(), contentType: z.string().nullable() }).nullable().openapi({ description: 'The HTTP status and type of the answer, once finished.' }),
    links: z.object({ self: z.string(), events: z.string(), result: z.string().nullable() }),
    result: z.unknown().optional().openapi({ description: 'A JSON answer that succeeded, inline on GET /jobs/{id} (a workbook only by links.result).' }),
    problem: z.unknown().optional().openapi({ description: 'Why it failed: the problem document the request answered.' }),
  })
  .openapi('Job');

const tags = ['Jobs'];
const idParams = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'job_0a1b2c3d4e5f6071' }) });
const visibility = 'Any role; the jobs of your own organisation only (another organisation\'s job is 404, like an unknown one).';
const job = (description: string) => ({ description, content: { 'application/json': { schema: jobSchema } } });

export const listJobsRoute = createRoute({
  method: 'get', path: '/jobs', tags, security: SECURITY,
  summary: 'Your organisation\'s jobs, newest first (without their answers)',
  description: visibility,
  request: { query: z.object({ limit: z.coerce.number({ error: 'must be a whole number from 1 to 100' }).int({ error: 'must be a whole number from 1 to 100' }).min(1, { error: 'must be a whole number from 1 to 100' }).max(100, { error: 'must be a whole number from 1 to 100' }).default(20) }) },
  responses: { 200: { description: 'The jobs', content: { 'application/json': { schema: z.object({ items: z.array(jobSchema) }) } } }, ...describeProblemResponses() },
});

export const getJobRoute = createRoute({
  method: 'get', path: '/jobs/{id}', tags, security: SECURITY,
  summary: 'A job: status, progress, elapsed and estimated remaining time; when finished, its JSON answer inline and the link to it',
  description: `${visibility} A job is a long request sent with \`Prefer: respond-async\` (simulate, solve, sensitivity, stress, a term sheet with \`include=\`, a portfolio's evaluation or workbook), answered 202 with \`Location\` naming it. A portfolio evaluation or stress on the durable queue (PostgreSQL) is answered 202 once its chunks are queued, and any service process reads it — also after the process that accepted it died.`,
  request: { params: idParams },
  responses: { 200: job('The job'), ...describeProblemResponses(404) },
});

export const jobResultRoute = createRoute({
  method: 'get', path: '/jobs/{id}/result', tags, security: SECURITY,
  summary: 'The answer of a finished job, exactly as the request would have answered it (JSON, a workbook, or its problem)',
  description: `${visibility} 409 while it is queued or running, or when it was cancelled; 410 once its answer is no longer kept.`,
  request: { params: idParams },
  responses: {
    200: { description: 'The answer: application/json, or a workbook with its Content-Disposition', content: { 'application/json': { schema: z.unknown() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } },
    ...describeProblemResponses(404, 409, 410, 422, 503),
  },
});

export const jobEventsRoute = createRoute({
  method: 'get', path: '/jobs/{id}/events', tags, security: SECURITY,
  summary: 'The job\'s progress as Server-Sent Events: `progress` at each change, then one `done` with the finished job',
  description: `${visibility} Each event's data is the job (as GET /jobs/{id}, without the inline answer). A job already finished sends \`done\` at once. Any service process streams any job: one it does not run itself (on the durable queue, or run by another process) is read from the database every second until it ends.`,
  request: { params: idParams },
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...describeProblemResponses(404) },
});

export const cancelJobRoute = createRoute({
  method: 'delete', path: '/jobs/{id}', tags, security: SECURITY,
  summary: 'Cancel a queued or running job',
  description: `${visibility} The key that submitted it, or an admin key of the organisation; a job on the durable queue is cancelled through any service process (its chunks not yet done are cancelled in the queue). Work in progress is stopped (a simulation gives up its chunks not yet started); the job is cancelled at once and has no result. A finished job is 409.`,
  request: { params: idParams },
  responses: { 200: job('The cancelled job'), ...describeProblemResponses(403, 404, 409) },
});
