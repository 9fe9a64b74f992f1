import type { ArgReduceKernel, ReduceKernel } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { ConfigError } from '../errors/index.js';
import type { DType } from '../tensor/dtype.js';
import { normalizeAxes, normalizeAxis, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { abs, log, exp, sign, sqrt } from './unary.js';
import { add, div, mul, pow, sub } from './binary.js';
import { eq } from './compare.js';
import { defineOp, recordGrad } from './define.js';
import { expand, reshape } from './shape.js';
import { where } from './where.js';
import { checkTensor, contiguousData, empty, floatTypeOf, rawValues } from './util.js';

export type Axes = number | readonly number[] | undefined;

/** The shape a reduction returns, and the same with reduced axes kept as 1. */
function reducedShapes(x: Tensor, axes: readonly number[]): { kept: number[]; dropped: number[] } {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return { kept, dropped: x.shape.filter((_, i) => !axes.includes(i)) };
}

/** Lays `x` out as [outer, size, inner] with the (adjacent) reduced axes in the middle. */
function reductionLayout(x: Tensor, axes: readonly number[], dtype: DType): { data: Tensor; outer: number; size: number; inner: number } {
  const first = axes[0] ?? 0;
  const last = axes[axes.length - 1] ?? -1;
  return {
    data: contiguousData(x, dtype),
    outer: sizeOf(x.shape.slice(0, first)),
    size: axes.reduce((p, a) => p * x.shape[a]!, 1),
    inner: sizeOf(x.shape.slice(last + 1)),
  };
}

function reduceForward(op: string, kernel: ReduceKernel, x: Tensor, axes: readonly number[], keepdims: boolean, dtype: DType): Tensor {
  const { kept, dropped } = reducedShapes(x, axes);
  const out = empty(keepdims ? kept : dropped, dtype);
  if (x.size === 0 && (kernel === 'max' || kernel === 'min')) {
    throw new ConfigError(`${op}: cannot reduce an empty tensor of shape [${x.shape.join(',')}]`);
  }
  const runs = adjacentRuns(axes);
  if (runs.length > 1) {
    // Non-adjacent axes (e.g. a bias gradient summed over N, H and W of [N,C,H,W]): reduce one run
    // of adjacent axes at a time, last run first, keeping dims, instead of permuting and copying.
    let partial = x;
    for (let r = runs.length - 1; r >= 0; r--) partial = reduceForward(op, kernel, partial, runs[r]!, true, dtype);
    out.storage.set(partial.storage.subarray(partial.offset, partial.offset + partial.size));
    return out;
  }
  const { data, outer, size, inner } = reductionLayout(x, axes, dtype);
  getBackend().reduce(kernel, rawValues(data), outer, size, inner, out.storage);
  return out;
}

/** Splits sorted axes into runs of adjacent axes: [0, 2, 3] → [[0], [2, 3]]. */
function adjacentRuns(axes: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const a of axes) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[last.length - 1] === a - 1) last.push(a);
    else runs.push([a]);
  }
  return runs;
}

/** Spreads a reduced gradient back over the input's shape. */
function broadcastBack(g: Tensor, x: Tensor, axes: readonly number[]): Tensor {
  return expand(reshape(g, reducedShapes(x, axes).kept), x.shape);
}

/** Sum over `axis` (all axes when omitted). */
export const sum = defineOp('sum', (x: Tensor, axis?: Axes, keepdims = false): Tensor => {
  checkTensor(x, 'x', 'sum');
  const axes = normalizeAxes('sum', axis, x.ndim);
  const out = reduceForward('sum', 'sum', x, axes, keepdims, x.dtype);
  return recordGrad('sum', out, [x], (g) => [broadcastBack(g, x, axes)]);
});

/** Mean over `axis` (all axes when omitted); int32 input gives float32. */
export const mean = defineOp('mean', (x: Tensor, axis?: Axes, keepdims = false): Tensor => {
  checkTensor(x, 'x', 'mean');
  const axes = normalizeAxes('mean', axis, x.ndim);
  const count = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const total = reduceForward('mean', 'sum', x, axes, keepdims, floatTypeOf(x));
  const out = div(total, count);
  return recordGrad('mean', out, [x], (g) => [div(broadcastBack(g, x, axes), count)]);
});

/** Max or min; ties share the gradient equally. */
function extremum(name: 'max' | 'min') {
  return defineOp(name, (x: Tensor, axis?: Axes, keepdims = false): Tensor => {
    checkTensor(x, 'x', name);
    const axes = normalizeAxes(name, axis, x.ndim);
    const out = reduceForward(name, name, x, axes, keepdims, x.dtype);
    return recordGrad(name, out, [x], (g) => {
      const mask = eq(x, broadcastBack(out, x, axes));
      const ties = broadcastBack(sum(mask, axes, keepdims), x, axes);
      return [div(mul(broadcastBack(g, x, axes), mask), ties)];
    });
  });
}

export const max = extremum('max');
export const min = extremum('min');

/** Product over `axis`. */
export const prod = defineOp('prod', (x: Tensor, axis?: Axes, keepdims = false): Tensor => {
  checkTensor(x, 'x', 'prod');
  const axes = normalizeAxes('prod', axis, x.ndim);
  const out = reduceForward('prod', 'prod', x, axes, keepdims, x.dtype);
  // d(prod)/dx_i is the product of the other entries: prod / x_i where x_i != 0. At a zero it is
  // the product of the non-zero entries when that zero is the only one, else 0 (no 0/0 NaN).
  return recordGrad('prod', out, [x], (g) => {
    const isZero = eq(x, 0);
    const safeX = where(isZero, 1, x);
    const zeros = broadcastBack(sum(isZero, axes, keepdims), x, axes);
    const othersAtZero = where(eq(zeros, 1), broadcastBack(prod(safeX, axes, keepdims), x, axes), 0);
    const others = where(isZero, othersAtZero, div(broadcastBack(out, x, axes), safeX));
    return [mul(broadcastBack(g, x, axes), others)];
  });
});

function argReduce(name: ArgReduceKernel) {
  return defineOp(
    name,
    (x: Tensor, axis?: number, keepdims = false): Tensor => {
      checkTensor(x, 'x', name);
      if (axis === undefined) return argReduce(name)(reshape(x, [x.size]), 0, false);
      const a = normalizeAxis(name, axis, x.ndim);
      const { kept, dropped } = reducedShapes(x, [a]);
      const out = empty(keepdims ? kept : dropped, 'int32');
      const { data, outer, size, inner } = reductionLayout(x, [a], x.dtype);
      getBackend().argReduce(name, rawValues(data), outer, size, inner, out.storage as Int32Array);
      return out;
    },
    { differentiable: false },
  );
}

/** Index of the largest value along `axis` (of the flattened tensor when omitted), as int32. */
export const argmax = argReduce('argmax');
/** Index of the smallest value along `axis`, as int32. */
export const argmin = argReduce('argmin');

/**
 * Variance over `axis` with Bessel's `correction` (1, the default, gives the unbiased
 * estimate as torch.var does; 0 the population variance).
 */
export const variance = defineOp('var', (x: Tensor, axis?: Axes, keepdims = false, correction = 1): Tensor => {
  const axes = normalizeAxes('var', axis, x.ndim);
  const count = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const centered = sub(x, mean(x, axes, true));
  return div(sum(mul(centered, centered), axes, keepdims), Math.max(count - correction, 0));
});

/** Standard deviation: the square root of `variance`. */
export const std = defineOp('std', (x: Tensor, axis?: Axes, keepdims = false, correction = 1): Tensor =>
  sqrt(variance(x, axis, keepdims, correction)),
);

/** log(sum(exp(x))) over `axis`, computed stably by shifting by the max. */
export const logsumexp = defineOp('logsumexp', (x: Tensor, axis?: Axes, keepdims = false): Tensor => {
  const axes = normalizeAxes('logsumexp', axis, x.ndim);
  // The shift is a constant: the expression's value, and so its gradient, does not depend on it.
  const shift = max(x, axes, true).detach();
  const finiteShift = where(eq(abs(shift), Infinity), 0, shift);
  const out = add(log(sum(exp(sub(x, finiteShift)), axes, true)), finiteShift);
  return keepdims ? out : reshape(out, reducedShapes(x, axes).dropped);
});

/**
 * The p-norm over `axis` (the whole tensor, flattened, when omitted): ord 2 (default),
 * 1, Infinity, or any p > 0.
 */
export const norm = defineOp('norm', (x: Tensor, ord = 2, axis?: Axes, keepdims = false): Tensor => {
  const axes = normalizeAxes('norm', axis, x.ndim);
  if (ord === Infinity) return max(abs(x), axes, keepdims);
  if (ord === 1) return sum(abs(x), axes, keepdims);
  if (!(ord > 0)) throw new ConfigError(`norm: ord must be positive or Infinity, got ${ord}`);
  const pNorm = (t: Tensor, keep: boolean): Tensor =>
    ord === 2 ? sqrt(sum(mul(t, t), axes, keep)) : pow(sum(pow(abs(t), ord), axes, keep), 1 / ord);
  const out = noGrad(() => pNorm(x, keepdims));
  // d‖x‖_p/dx_i = sign(x_i)·|x_i|^(p-1) / ‖x‖_p^(p-1) (x_i/‖x‖ for p = 2), taken as 0 where the
  // norm is 0 (the subgradient PyTorch uses) instead of 0/0. Recomputed from x so that
  // createGraph gives higher derivatives.
  return recordGrad('norm', out, [x], (g) => {
    const n = pNorm(x, true);
    const numerator = ord === 2 ? x : mul(sign(x), pow(abs(x), ord - 1));
    const denominator = ord === 2 ? n : pow(n, ord - 1);
    const isZero = eq(n, 0);
    const slope = where(isZero, 0, div(numerator, where(isZero, 1, denominator)));
    return [mul(broadcastBack(g, x, axes), slope)];
  });
});
