import { elementwiseCases } from './cases/elementwise.js';
import type { GradcheckCase } from './cases/inputs.js';
import { nnCases } from './cases/nn.js';
import { reduceCasesTable } from './cases/reduce.js';
import { shapeCases } from './cases/shape.js';

export type { GradcheckCase } from './cases/inputs.js';

/**
 * Every gradcheck of the op suite, by op name (the names of `listOps()`, plus composites such
 * as flatten or stack that are plain functions over registered ops).
 */
export const gradcheckCases: Readonly<Record<string, readonly GradcheckCase[]>> = {
  ...elementwiseCases,
  ...reduceCasesTable,
  ...shapeCases,
  ...nnCases,
};
