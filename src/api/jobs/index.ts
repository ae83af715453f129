import { createRouter } from '../create-router.js';
import { cancelOneJob, getJobResult, getOneJob, listOrganisationJobs, streamJobEvents } from './jobs.handlers.js';
import { cancelJobRoute, getJobRoute, jobEventsRoute, jobResultRoute, listJobsRoute } from './jobs.routes.js';

export function createJobsRouter() {
  return createRouter()
    .openapi(listJobsRoute, listOrganisationJobs)
    .openapi(getJobRoute, getOneJob)
    .openapi(jobResultRoute, getJobResult)
    .openapi(jobEventsRoute, streamJobEvents)
    .openapi(cancelJobRoute, cancelOneJob);
}
