export * from './evaluate-deal.js';
export * from './metrics.js';
export * from './project-deal.js';
export * from './series.js';
export * from './statement.js';
export * from './timeline.js';
export * from './to-wire.js';
export * from './warnings.js';
