// Evaluation of attribution maps: deletion/insertion curves, the randomization sanity check, and
// the comparison table of methods.
export type { PerturbationBaseline } from './baseline.js';
export { compareMethods, comparisonMarkdown } from './compare.js';
export type { CompareOptions, Comparison, ComparisonRow } from './compare.js';
export { deletionCurve, evaluatePerturbation, insertionCurve, perturbationCurve, pixelOrder, pixelScores, randomPixelOrder, trapezoid } from './perturbation.js';
export type { PerturbationCurve, PerturbationOptions, PerturbationReport } from './perturbation.js';
export { averageRanks, pearson, spearman } from './rank-correlation.js';
export { cascadingRandomization, parameterizedLayers } from './sanity.js';
export type { SanityOptions, SanityReport, SanityStep } from './sanity.js';
