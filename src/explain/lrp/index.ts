export { composite, epsilonGammaBox } from './composite.js';
export type { Composite } from './composite.js';
export { fold as foldLayerBatchNorm, foldBatchNorm } from './fold-batch-norm.js';
export { linearRelevance, stabilize, zBoxRootPoint, zRule } from './linear-rules.js';
export type { ZPart } from './linear-rules.js';
export { lrp } from './lrp.js';
export type { LrpOptions } from './lrp.js';
export { lrpRuleNames, normalizeRule, rulesByLayer, unsupportedLayer } from './rules.js';
export type { LrpRule, LrpRuleName, RuleSpec } from './rules.js';
