import type { Conv2dKernels, ConvShape, FloatArray, WindowGeometry } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { ConfigError, DTypeError, ShapeError, formatShape } from '../errors/index.js';
import type { DType } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { defineOp, recordGrad } from './define.js';
import { sum } from './reduce.js';
import { expand, reshape, squeeze, unsqueeze } from './shape.js';
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

/**
 * Images per batched GEMM: enough that one GEMM is large (so the backend can thread it) while
 * the im2col columns and the output of the chunk stay within about 1 MB of float32 (in cache).
 */
function chunkImages(p: ConvPlan): number {
  const perImage = Math.max(1, Math.max(p.patch, p.cOutPerGroup * p.groups) * p.positions);
  return Math.max(1, Math.min(p.n, Math.floor(2 ** 18 / perImage)));
}

/**
 * The backend's whole-convolution kernels with the plan's sizes, when they apply (float32,
 * groups = 1); otherwise the im2col + GEMM path below runs (the reference, and the js backend's).
 */
function wholeConv(p: ConvPlan): { kernels: Conv2dKernels; shape: ConvShape } | undefined {
  const kernels = getBackend().conv2d;
  if (kernels === undefined || p.dtype !== 'float32' || p.groups !== 1) return undefined;
  return { kernels, shape: { n: p.n, cIn: p.cInPerGroup, cOut: p.cOutPerGroup, g: p.g } };
}

/** A contiguous float32 tensor's storage (undefined for other dtypes). */
const f32 = (t: Tensor): Float32Array | undefined => (t.storage instanceof Float32Array ? t.storage : undefined);

/** im2col of images [img0, img0 + count) of one group into consecutive [patch, positions] blocks of `cols`. */
function unfoldChunk(x: Tensor, p: ConvPlan, img0: number, count: number, grp: number, cols: FloatArray): void {
  const backend = getBackend();
  const cIn = p.cInPerGroup * p.groups;
  const xs = x.storage as FloatArray;
  const block = p.patch * p.positions;
  for (let i = 0; i < count; i++) {
    const at = x.offset + ((img0 + i) * cIn + grp * p.cInPerGroup) * p.g.inH * p.g.inW;
    backend.im2col(xs, at, p.cInPerGroup, p.g, i === 0 ? cols : cols.subarray(i * block));
  }
}

/**
 * out[n, group] = W[group] · im2col(x[n, group]) (+ bias[channel]): one batched GEMM per chunk
 * of images and group, accumulating onto output rows filled with the bias (no broadcast temporary).
 */
function convForward(x: Tensor, w: Tensor, bias: Tensor | null, p: ConvPlan): Tensor {
  const backend = getBackend();
  const cOut = p.cOutPerGroup * p.groups;
  const out = empty([p.n, cOut, p.g.outH, p.g.outW], p.dtype);
  const biasData = bias === null ? null : contiguousData(bias);
  const whole = wholeConv(p);
  const [xs, ws, bs, ys] = [f32(x), f32(w), biasData === null ? null : f32(biasData), f32(out)];
  if (whole !== undefined && xs && ws && ys && bs !== undefined) {
    if (whole.kernels.forward(xs, x.offset, ws, w.offset, bs, biasData?.offset ?? 0, ys, whole.shape)) return out;
  }
  const chunk = chunkImages(p);
  const cols = empty([chunk * p.patch * p.positions], p.dtype).storage as FloatArray;
  const os = out.storage as FloatArray;
  for (let img0 = 0; img0 < p.n; img0 += chunk) {
    const count = Math.min(chunk, p.n - img0);
    if (biasData !== null) {
      // Each output row starts as its channel's bias and the GEMM accumulates onto it (a native
      // fill and the GEMM's own copy instead of a separate broadcast add over the output).
      for (let img = img0; img < img0 + count; img++) {
        for (let ch = 0; ch < cOut; ch++) {
          const start = (img * cOut + ch) * p.positions;
          os.fill(biasData.storage[biasData.offset + ch]!, start, start + p.positions);
        }
      }
    }
    for (let grp = 0; grp < p.groups; grp++) {
      unfoldChunk(x, p, img0, count, grp, cols);
      backend.gemm({
        a: w.storage as FloatArray, b: cols, c: os, m: p.cOutPerGroup, n: p.positions, k: p.patch,
        transA: false, transB: false, accumulate: biasData !== null, batch: count,
        aOffset: w.offset + grp * p.cOutPerGroup * p.patch, bOffset: 0, cOffset: (img0 * cOut + grp * p.cOutPerGroup) * p.positions,
        aBatchStride: 0, bBatchStride: p.patch * p.positions, cBatchStride: cOut * p.positions,
      });
    }
  }
  return out;
}

/** dL/dx: col2im(W[group]ᵀ · dL/dout[n, group]), the GEMMs batched over chunks of images. */
function convBackwardInput(gradOut: Tensor, w: Tensor, p: ConvPlan): Tensor {
  const backend = getBackend();
  const cIn = p.cInPerGroup * p.groups;
  const cOut = p.cOutPerGroup * p.groups;
  const gradIn = empty([p.n, cIn, p.g.inH, p.g.inW], p.dtype);
  const chunk = chunkImages(p);
  const block = p.patch * p.positions;
  const cols = empty([chunk * block], p.dtype).storage as FloatArray;
  for (let img0 = 0; img0 < p.n; img0 += chunk) {
    const count = Math.min(chunk, p.n - img0);
    for (let grp = 0; grp < p.groups; grp++) {
      backend.gemm({
        a: w.storage as FloatArray, b: gradOut.storage as FloatArray, c: cols, m: p.patch, n: p.positions, k: p.cOutPerGroup,
        transA: true, transB: false, accumulate: false, batch: count,
        aOffset: w.offset + grp * p.cOutPerGroup * p.patch, bOffset: gradOut.offset + (img0 * cOut + grp * p.cOutPerGroup) * p.positions, cOffset: 0,
        aBatchStride: 0, bBatchStride: cOut * p.positions, cBatchStride: block,
      });
      for (let i = 0; i < count; i++) {
        const at = ((img0 + i) * cIn + grp * p.cInPerGroup) * p.g.inH * p.g.inW;
        backend.col2im(i === 0 ? cols : cols.subarray(i * block), p.cInPerGroup, p.g, gradIn.storage as FloatArray, at);
      }
    }
  }
  return gradIn;
}

/** dL/dW[group] = sum over images of dL/dout[n, group] · im2col(x[n, group])ᵀ (a GEMM batch summed into one C). */
function convBackwardWeight(gradOut: Tensor, x: Tensor, wShape: readonly number[], p: ConvPlan): Tensor {
  const backend = getBackend();
  const cOut = p.cOutPerGroup * p.groups;
  const gradW = empty(wShape, p.dtype);
  const chunk = chunkImages(p);
  const cols = empty([chunk * p.patch * p.positions], p.dtype).storage as FloatArray;
  for (let img0 = 0; img0 < p.n; img0 += chunk) {
    const count = Math.min(chunk, p.n - img0);
    for (let grp = 0; grp < p.groups; grp++) {
      unfoldChunk(x, p, img0, count, grp, cols);
      backend.gemm({
        a: gradOut.storage as FloatArray, b: cols, c: gradW.storage as FloatArray, m: p.cOutPerGroup, n: p.patch, k: p.positions,
        transA: false, transB: true, accumulate: true, batch: count,
        aOffset: gradOut.offset + (img0 * cOut + grp * p.cOutPerGroup) * p.positions, bOffset: 0, cOffset: grp * p.cOutPerGroup * p.patch,
        aBatchStride: cOut * p.positions, bBatchStride: p.patch * p.positions, cBatchStride: 0,
      });
    }
  }
  return gradW;
}

interface ConvGrads {
  readonly input: Tensor | null;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
}

/**
 * The unrecorded gradients for dL/dout = gradOut: dL/dx when `w` is given, dL/dW when `x` is,
 * and, with `withBias`, dL/dbias where the backend's kernels compute it (null otherwise). The
 * kernels take all of them in one pass over gradOut; the im2col path one at a time.
 */
function convBackward(gradOut: Tensor, x: Tensor | null, w: Tensor | null, wShape: readonly number[], p: ConvPlan, withBias: boolean): ConvGrads {
  const whole = wholeConv(p);
  const [dys, xs, ws] = [f32(gradOut), x === null ? null : f32(x), w === null ? null : f32(w)];
  if (whole !== undefined && dys && xs !== undefined && ws !== undefined) {
    const input = w === null ? null : empty([p.n, p.cInPerGroup, p.g.inH, p.g.inW], p.dtype);
    const weight = x === null ? null : empty(wShape, p.dtype);
    const bias = withBias ? empty([p.cOutPerGroup], p.dtype) : null;
    const out = { dx: input && f32(input)!, dw: weight && f32(weight)!, dBias: bias && f32(bias)! };
    if (whole.kernels.backward(dys, gradOut.offset, xs, x?.offset ?? 0, ws, w?.offset ?? 0, out, whole.shape)) return { input, weight, bias };
  }
  return {
    input: w === null ? null : convBackwardInput(gradOut, w, p),
    weight: x === null ? null : convBackwardWeight(gradOut, x, wShape, p),
    bias: null,
  };
}

/**
 * The gradients for dL/dout = gradOut as recorded functions, so that backward with createGraph
 * can differentiate them: dL/dx (when `weight` is given) is linear in (gradOut, weight), with
 * adjoints conv2d(u, weight) and the weight gradient taken at x = u; dL/dW (when `x` is given)
 * is linear in (gradOut, x), with adjoints conv2d(x, U) and the input gradient with W = U;
 * dL/dbias (with `withBias`) is gradOut summed over N, H and W, whose adjoint broadcasts back.
 */
function gradients(
  gradOut: Tensor, x: Tensor | null, weight: Tensor | null, wShape: readonly number[], p: ConvPlan, options: Conv2dOptions, withBias: boolean,
): ConvGrads {
  const raw = convBackward(contiguousData(gradOut), x && contiguousData(x), weight && contiguousData(weight), wShape, p, withBias);
  const input = raw.input && weight && recordGrad('conv2dInputGrad', raw.input, [gradOut, weight], (u) => [
    gradOut.requiresGrad ? conv2d(u, weight, null, options) : null,
    weight.requiresGrad ? weightGrad(gradOut, u, weight.shape, p, options) : null,
  ]);
  const dw = raw.weight && x && recordGrad('conv2dWeightGrad', raw.weight, [gradOut, x], (u) => [
    gradOut.requiresGrad ? conv2d(x, u, null, options) : null,
    x.requiresGrad ? inputGrad(gradOut, u, p, options) : null,
  ]);
  const bias = !withBias ? null : raw.bias === null ? biasGrad(gradOut)
    : recordGrad('conv2dBiasGrad', raw.bias, [gradOut], (u) => [expand(reshape(u, [1, u.shape[0]!, 1, 1]), gradOut.shape)]);
  return { input, weight: dw, bias };
}

const inputGrad = (gradOut: Tensor, weight: Tensor, p: ConvPlan, options: Conv2dOptions): Tensor =>
  gradients(gradOut, null, weight, weight.shape, p, options, false).input!;

const weightGrad = (gradOut: Tensor, x: Tensor, wShape: readonly number[], p: ConvPlan, options: Conv2dOptions): Tensor =>
  gradients(gradOut, x, null, wShape, p, options, false).weight!;

/** dL/dbias = dL/dout summed over N, H and W: row sums over H·W first, then over N (both contiguous reductions). */
function biasGrad(gradOut: Tensor): Tensor {
  const [n, o, h, w] = gradOut.shape as [number, number, number, number];
  return sum(sum(reshape(gradOut, [n, o, h * w]), 2), 0);
}

/**
 * 2-D convolution (cross-correlation, as in every framework) of NCHW input with weight
 * [outChannels, inChannels/groups, kernelH, kernelW] and optional bias [outChannels].
 * Implemented as im2col + GEMM, or by the backend's whole-convolution kernels where it has them.
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
  // A bias of another dtype is added afterwards, with the usual type promotion.
  const fused = bias != null && bias.dtype === input.dtype ? bias : null;
  const out = convForward(x, w, fused, plan);
  // The bias is added inside the forward; its gradient is dL/dout summed over N, H and W.
  const inputs = fused === null ? [input, weight] : [input, weight, fused];
  const recorded = recordGrad('conv2d', out, inputs, (gradOut) => {
    const g = gradients(gradOut, weight.requiresGrad ? input : null, input.requiresGrad ? weight : null, weight.shape, plan, options, fused?.requiresGrad ?? false);
    return [g.input, g.weight, ...(fused === null ? [] : [g.bias])];
  });
  return bias == null || fused !== null ? recorded : recorded.add(reshape(bias, [1, o, 1, 1]));
});
