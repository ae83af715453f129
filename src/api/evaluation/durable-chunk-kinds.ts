import { portfolioChunkKind } from './portfolio-chunk-kind.js';
import { portfolioStressChunkKind } from './portfolio-stress-chunk-kind.js';

/** Every kind of chunk the service's long jobs put on the durable queue: what a worker of any process registers. */
export const CHUNK_KINDS = [portfolioChunkKind, portfolioStressChunkKind];
