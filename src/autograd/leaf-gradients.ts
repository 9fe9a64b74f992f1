import { getBackend } from '../backend/registry.js';
import { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import { add } from '../ops/binary.js';
import { zerosLike } from '../tensor/create.js';
import { withGradMode } from './grad-mode.js';

/**
 * Gradients that backward or zeroGrad made and that nothing else shares: only these are added
 * to in place. A first gradient may share its array with the caller's upstream gradient or with
 * another leaf's (the backward of x + y hands both the same tensor), so it is never written to.
 */
const ownedGradients = new WeakSet<Tensor>();

/** True while backward() runs without createGraph: then ops may add into leaves' `.grad`. */
let accumulatingIntoLeaves = false;

/** Runs `fn` with ops allowed (`on`) or not to add into leaves' `.grad` (leafGradientTarget). */
export function withLeafAccumulation<T>(on: boolean, fn: () => T): T {
  const outer = accumulatingIntoLeaves;
  accumulatingIntoLeaves = on;
  try {
    return fn();
  } finally {
    accumulatingIntoLeaves = outer;
  }
}

/** `t.grad` where it may be added to in place: an owned, contiguous, unrecorded array of t's dtype and shape. */
function ownedGradient(t: Tensor): Tensor | null {
  const g = t.grad;
  if (g === null || !ownedGradients.has(g)) return null;
  if (g.dtype !== t.dtype || g.requiresGrad || g.gradFn !== null || g.offset !== 0 || !g.isContiguous() || !shapesEqual(g.shape, t.shape)) return null;
  return g;
}

/**
 * Where an op's backward may add its gradient for the leaf `t` itself instead of returning it
 * (it then returns null for `t`): `t.grad`, during backward() without createGraph, for a leaf
 * that requires grad and has no hooks, whose `.grad` backward or zeroGrad made. Null otherwise.
 * The sum is the one backward would form, added in another order.
 */
export function leafGradientTarget(t: Tensor): Tensor | null {
  if (!accumulatingIntoLeaves || !t.isLeaf || !t.requiresGrad || t.gradHooks().length > 0) return null;
  const target = ownedGradient(t);
  if (target !== null) clearedGradients.delete(target);
  return target;
}

/**
 * Adds `grad` (contiguous, t's dtype) to `t.grad`: the first gradient is stored as it is; later
 * ones are added in place, as in PyTorch, unless the backward pass is recorded (createGraph).
 */
export function accumulateGradient(t: Tensor, grad: Tensor, createGraph: boolean): void {
  const previous = t.grad;
  if (previous === null) {
    t.grad = grad;
    return;
  }
  const target = createGraph ? null : ownedGradient(t);
  if (target === null) {
    t.grad = withGradMode(createGraph, () => add(previous, grad));
    if (!createGraph) ownedGradients.add(t.grad);
    return;
  }
  clearedGradients.delete(target);
  const into = target.storage;
  const from = grad.storage;
  for (let i = 0, shift = grad.offset, n = target.size; i < n; i++) into[i] += from[shift + i]!;
}

/** How zeroGrad clears gradients. */
export interface ZeroGradOptions {
  /**
   * Drop each `.grad` (true), or zero it in place and keep its array for the next backward to
   * add into (false; faster, and a reference to an old `.grad` sees it change). @default true
   */
  readonly setToNone?: boolean;
}

/**
 * Clears the gradient of `p`: drops it (`setToNone`, the default, as torch's zero_grad), or
 * zeroes it in place so that the next backward adds into the same array. That array is the
 * parameter's own, made once (in the backend's memory where p's values are, so that the wasm
 * kernels add the layer gradients into it directly). A zeroed gradient that nothing has been
 * added to since counts as none for the optimizers (hasGradient), so both ways step alike.
 */
export function clearGradient(p: Tensor, setToNone = true): void {
  if (setToNone || p.grad === null) {
    p.grad = null;
    return;
  }
  let home = gradientHomes.get(p);
  if (home === undefined || home.dtype !== p.dtype || !shapesEqual(home.shape, p.shape)) {
    home = zerosFor(p);
    gradientHomes.set(p, home);
    ownedGradients.add(home);
  } else {
    fillZeros(home);
  }
  p.grad = home;
  clearedGradients.add(home);
}

/** Whether `p.grad` holds a gradient: set, and added to since zeroGrad({ setToNone: false }) zeroed it. */
export function hasGradient(p: Tensor): boolean {
  return p.grad !== null && !clearedGradients.has(p.grad);
}

/** The array each parameter's gradient is kept in by zeroGrad({ setToNone: false }). */
const gradientHomes = new WeakMap<Tensor, Tensor>();

/** Kept gradients zeroed by zeroGrad and not added to since. */
const clearedGradients = new WeakSet<Tensor>();

/** Zeros of p's shape and dtype, in the backend's memory where p's values are. */
function zerosFor(p: Tensor): Tensor {
  const kernels = getBackend().optimizer;
  if (kernels !== undefined && p.storage instanceof Float32Array && kernels.owns(p.storage)) {
    try {
      return new Tensor(kernels.stateArray(p.size), p.shape);
    } catch {
      // wasm memory cannot grow that far: an ordinary array
    }
  }
  return zerosLike(p);
}

function fillZeros(t: Tensor): void {
  const kernels = getBackend().optimizer;
  if (kernels !== undefined && t.storage instanceof Float32Array && kernels.owns(t.storage)) kernels.fillZeros(t.storage);
  else t.storage.fill(0);
}
