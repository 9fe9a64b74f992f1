export { backward, grad } from './backward.js';
export type { BackwardOptions } from './backward.js';
export { gradcheck } from './gradcheck.js';
export type { GradcheckMismatch, GradcheckOptions, GradcheckReport } from './gradcheck.js';
export { isGradEnabled, noGrad, withGradMode } from './grad-mode.js';
export { GradNode } from './node.js';
export type { BackwardFn, GradHook, HookHandle } from './node.js';
export type { ZeroGradOptions } from './leaf-gradients.js';
