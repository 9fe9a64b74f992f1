// Public names of deeptrace's explain package: attribution methods, LRP and their common contract.
export { inEvalMode, resolveTargets, selectTargets } from './attribution.js';
export type { AttributionExtras, AttributionMethod, AttributionOptions, AttributionResult, ExplainedModel, LayerRelevance } from './attribution.js';
export * from './methods/index.js';
export * from './lrp/index.js';
export * from './evaluate/index.js';
export * from './shattered/index.js';
