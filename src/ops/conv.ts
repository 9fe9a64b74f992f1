import type { FloatArray, WindowGeometry } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { ConfigError, DTypeError, ShapeError, formatShape } from '../errors/index.js';
import type { DType } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { reshape, squeeze, unsqueeze } from './shape.js';
import type { Pair, Padding } from './window.js';
import { windowGeometry } from './window.js';
import { checkTensor, contiguousData, empty } from './util.js';

export interface Conv2dOptions {
  /** @default 1 */
  readonly stride?: Pair;
  /** @default 0 */
  readonly padding?: Padding;
  /** @default 1 */
  readonly dilation?: Pair;
  /** Input and output channels are split into this many independent groups. @default 1 */
  readonly groups?: number;
}

interface ConvPlan {
  readonly n: number;
  readonly groups: number;
  readonly cInPerGroup: number;
  readonly cOutPerGroup: number;
  readonly g: WindowGeometry;
  /** Rows of the im2col matrix of one group: cInPerGroup·kernelH·kernelW. */
  readonly patch: number;
  /** Output positions per image: outH·outW. */
  readonly positions: number;
  readonly dtype: DType;
}

function gemmInto(
  a: FloatArray, aOffset: number, transA: boolean,
  b: FloatArray, bOffset: number, transB: boolean,
  c: FloatArray, cOffset: number,
  m: number, n: number, k: number, accumulate: boolean,
): void {
  getBackend().gemm({
    a, b, c, m, n, k, transA, transB, accumulate, batch: 1,
    aOffset, bOffset, cOffset, aBatchStride: 0, bBatchStride: 0, cBatchStride: 0,
  });
}

/** out[n, group] = W[group] · im2col(x[n, group]): one GEMM per image and group. */
function convForward(x: Tensor, w: Tensor, p: ConvPlan): Tensor {
  const backend = getBackend();
  const cIn = p.cInPerGroup * p.groups;
  const cOut = p.cOutPerGroup * p.groups;
  const out = empty([p.n, cOut, p.g.outH, p.g.outW], p.dtype);
  const cols = empty([p.patch, p.positions], p.dtype).storage as FloatArray;
  const xs = x.storage as FloatArray;
  for (let img = 0; img < p.n; img++) {
    for (let grp = 0; grp < p.groups; grp++) {
      backend.im2col(xs, x.offset + (img * cIn + grp * p.cInPerGroup) * p.g.inH * p.g.inW, p.cInPerGroup, p.g, cols);
      gemmInto(
        w.storage as FloatArray, w.offset + grp * p.cOutPerGroup * p.patch, false,
        cols, 0, false,
        out.storage as FloatArray, (img * cOut + grp * p.cOutPerGroup) * p.positions,
        p.cOutPerGroup, p.positions, p.patch, false,
      );
    }
  }
  return out;
}

/** dL/dx: col2im(W[group]ᵀ · dL/dout[n, group]). */
function convBackwardInput(gradOut: Tensor, w: Tensor, p: ConvPlan): Tensor {
  const backend = getBackend();
  const cIn = p.cInPerGroup * p.groups;
  const cOut = p.cOutPerGroup * p.groups;
  const gradIn = empty([p.n, cIn, p.g.inH, p.g.inW], p.dtype);
  const cols = empty([p.patch, p.positions], p.dtype).storage as FloatArray;
  for (let img = 0; img < p.n; img++) {
    for (let grp = 0; grp < p.groups; grp++) {
      gemmInto(
        w.storage as FloatArray, w.offset + grp * p.cOutPerGroup * p.patch, true,
        gradOut.storage as FloatArray, gradOut.offset + (img * cOut + grp * p.cOutPerGroup) * p.positions, false,
        cols, 0,
        p.patch, p.positions, p.cOutPerGroup, false,
      );
      backend.col2im(cols, p.cInPerGroup, p.g, gradIn.storage as FloatArray, (img * cIn + grp * p.cInPerGroup) * p.g.inH * p.g.inW);
    }
  }
  return gradIn;
}

/** dL/dW[group] = sum over images of dL/dout[n, group] · im2col(x[n, group])ᵀ. */
function convBackwardWeight(gradOut: Tensor, x: Tensor, wShape: readonly number[], p: ConvPlan): Tensor {
  const backend = getBackend();
  const cIn = p.cInPerGroup * p.groups;
  const cOut = p.cOutPerGroup * p.groups;
  const gradW = empty(wShape, p.dtype);
  const cols = empty([p.patch, p.positions], p.dtype).storage as FloatArray;
  for (let img = 0; img < p.n; img++) {
    for (let grp = 0; grp < p.groups; grp++) {
      backend.im2col(x.storage as FloatArray, x.offset + (img * cIn + grp * p.cInPerGroup) * p.g.inH * p.g.inW, p.cInPerGroup, p.g, cols);
      gemmInto(
        gradOut.storage as FloatArray, gradOut.offset + (img * cOut + grp * p.cOutPerGroup) * p.positions, false,
        cols, 0, true,
        gradW.storage as FloatArray, grp * p.cOutPerGroup * p.patch,
        p.cOutPerGroup, p.patch, p.positions, true,
      );
    }
  }
  return gradW;
}

/**
 * dL/dx as a recorded function of (gradOut, weight), so that backward with createGraph can
 * differentiate it: it is linear in each, with adjoints conv2d(u, weight) and the weight
 * gradient taken at x = u.
 */
function inputGrad(gradOut: Tensor, weight: Tensor, p: ConvPlan, options: Conv2dOptions): Tensor {
  const out = convBackwardInput(contiguousData(gradOut), contiguousData(weight), p);
  return recordGrad('conv2dInputGrad', out, [gradOut, weight], (u) => [
    gradOut.requiresGrad ? conv2d(u, weight, null, options) : null,
    weight.requiresGrad ? weightGrad(gradOut, u, weight.shape, p, options) : null,
  ]);
}

/** dL/dW as a recorded function of (gradOut, x): adjoints conv2d(x, U) and the input gradient with W = U. */
function weightGrad(gradOut: Tensor, x: Tensor, wShape: readonly number[], p: ConvPlan, options: Conv2dOptions): Tensor {
  const out = convBackwardWeight(contiguousData(gradOut), contiguousData(x), wShape, p);
  return recordGrad('conv2dWeightGrad', out, [gradOut, x], (u) => [
    gradOut.requiresGrad ? conv2d(x, u, null, options) : null,
    x.requiresGrad ? inputGrad(gradOut, u, p, options) : null,
  ]);
}

/**
 * 2-D convolution (cross-correlation, as in every framework) of NCHW input with weight
 * [outChannels, inChannels/groups, kernelH, kernelW] and optional bias [outChannels].
 * Implemented as im2col + GEMM.
 *
 * Shape: input [N, C, H, W] (or [C, H, W]) → output [N, outChannels, outH, outW].
 */
export const conv2d = defineOp('conv2d', (input: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor => {
  checkTensor(input, 'input', 'conv2d');
  checkTensor(weight, 'weight', 'conv2d');
  if (input.ndim === 3) return squeeze(conv2d(unsqueeze(input, 0), weight, bias, options), 0);
  if (input.ndim !== 4 || weight.ndim !== 4) {
    throw new ShapeError(`conv2d: expected input [N,C,H,W] and weight [O,C/groups,kH,kW], got ${formatShape(input.shape)} and ${formatShape(weight.shape)}`);
  }
  if (input.dtype === 'int32' || weight.dtype === 'int32' || input.dtype !== weight.dtype) {
    throw new DTypeError(`conv2d: input and weight must share a float dtype (float32 or float64), got ${input.dtype} and ${weight.dtype}`, {
      hint: "cast both to one float dtype, e.g. input.cast('float32')",
    });
  }
  const groups = options.groups ?? 1;
  const [n, c] = [input.shape[0]!, input.shape[1]!];
  const [o, cPerGroup, kh, kw] = weight.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0 || o % groups !== 0) {
    throw new ConfigError(`conv2d: groups=${groups} must divide both input channels ${c} and output channels ${o}`);
  }
  if (cPerGroup * groups !== c) {
    throw new ShapeError(
      `conv2d: input ${formatShape(input.shape)} has ${c} channels but weight ${formatShape(weight.shape)} expects ${cPerGroup * groups} (${cPerGroup} per group x ${groups} groups)`,
      { expected: cPerGroup * groups, got: c, hint: 'weight must be [outChannels, inChannels/groups, kH, kW]; check the layer\'s inChannels and the groups option' },
    );
  }
  if (bias != null && (bias.ndim !== 1 || bias.shape[0] !== o)) {
    throw new ShapeError(`conv2d: bias must have shape [${o}], got ${formatShape(bias.shape)}`);
  }
  const g = windowGeometry('conv2d', input.shape, [kh, kw], {
    stride: options.stride ?? 1,
    padding: options.padding ?? 0,
    dilation: options.dilation ?? 1,
  });
  const plan: ConvPlan = {
    n, groups, cInPerGroup: cPerGroup, cOutPerGroup: o / groups, g,
    patch: cPerGroup * kh * kw, positions: g.outH * g.outW, dtype: input.dtype,
  };
  const x = contiguousData(input);
  const w = contiguousData(weight);
  let out = convForward(x, w, plan);
  out = recordGrad('conv2d', out, [input, weight], (gradOut) => [
    input.requiresGrad ? inputGrad(gradOut, weight, plan, options) : null,
    weight.requiresGrad ? weightGrad(gradOut, input, weight.shape, plan, options) : null,
  ]);
  if (bias == null) return out;
  return out.add(reshape(bias, [1, o, 1, 1]));
});
