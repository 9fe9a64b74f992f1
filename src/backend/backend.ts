import type { TypedArray } from '../tensor/dtype.js';

/** Elementwise kernels of one input. `alpha` parameterizes leakyRelu (slope) and elu (scale). */
export type UnaryKernel =
  | 'neg'
  | 'abs'
  | 'sign'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'rsqrt'
  | 'square'
  | 'reciprocal'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'leakyRelu'
  | 'elu'
  | 'gelu'
  | 'softplus'
  | 'erf';

/** Elementwise kernels of two inputs. Comparisons write 1 or 0. */
export type BinaryKernel =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge';

/** Activations whose backward has a fused kernel (see Backend.unaryBackward). */
export type UnaryBackwardKernel = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh';

export type ReduceKernel = 'sum' | 'max' | 'min' | 'prod';
export type ArgReduceKernel = 'argmax' | 'argmin';
export type FloatArray = Float32Array | Float64Array;

/**
 * A strided read of an array: element (i0, i1, ...) of the kernel's shape is
 * `data[offset + i0*strides[0] + i1*strides[1] + ...]`. Broadcast dimensions have stride 0.
 */
export interface StridedInput {
  readonly data: TypedArray;
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * Batched C = op(A)·op(B) (+ C when `accumulate`). Row-major storage: A is [m,k] ([k,m] when
 * transA), B is [k,n] ([n,k] when transB), C is [m,n]. Matrix `i` of the batch starts at
 * `aOffset + i*aBatchStride` (likewise B, C); a stride of 0 broadcasts one matrix over the batch.
 */
export interface GemmParams {
  readonly a: FloatArray;
  readonly b: FloatArray;
  readonly c: FloatArray;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly accumulate: boolean;
  readonly batch: number;
  readonly aOffset: number;
  readonly bOffset: number;
  readonly cOffset: number;
  readonly aBatchStride: number;
  readonly bBatchStride: number;
  readonly cBatchStride: number;
  /** Applied to C after the product: 'relu' sets each value that is not > 0 (NaN kept) to 0. */
  readonly epilogue?: 'relu';
}

/** Geometry of a 2-D sliding window (convolution or pooling) over one channel plane. */
export interface WindowGeometry {
  readonly inH: number;
  readonly inW: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly outH: number;
  readonly outW: number;
}

/** Adam's coefficients for one step (see optim/adam.ts). */
export interface AdamCoefficients {
  readonly beta1: number;
  readonly beta2: number;
  /** L2 term added to the gradient (Adam's weight decay; 0 for AdamW). */
  readonly l2: number;
  /** lr / (1 - β1ᵗ). */
  readonly stepSize: number;
  /** 1 / √(1 - β2ᵗ). */
  readonly invBiasCorrection2: number;
  readonly eps: number;
  /** Multiplies the parameter before the update: AdamW's 1 - lr·λ, else 1. */
  readonly shrink: number;
}

/**
 * In-place optimizer kernels a backend may offer for float32 parameters; optimizers use them
 * when present and fall back to their own loops otherwise.
 */
export interface OptimizerKernels {
  /**
   * A zero-filled float32 array in the backend's own memory, which its kernels read and update
   * where it lies: optimizer state, and parameters (nn/resident-parameter.ts).
   */
  stateArray(length: number): Float32Array;
  /** Whether `array` came from stateArray (and is still usable by these kernels). */
  owns(array: Float32Array): boolean;
  /**
   * One Adam step over n values: w[wOffset..], g[gOffset..], moments m and v (arrays from
   * stateArray). Returns false, touching nothing, when m or v did not come from stateArray.
   */
  adam(w: Float32Array, wOffset: number, g: Float32Array, gOffset: number, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): boolean;
  /** Sets an array from stateArray to zeros (a kept gradient, before each backward). */
  fillZeros(array: Float32Array): void;
}

/** The sizes of a float32 convolution with groups = 1 for `Conv2dKernels`. */
export interface ConvShape {
  /** Images in the batch. */
  readonly n: number;
  readonly cIn: number;
  readonly cOut: number;
  readonly g: WindowGeometry;
}

/** The outputs of `Conv2dKernels.backward`: each one that is not null is computed (overwritten). */
export interface ConvGradients {
  /** dL/dx [n, cIn, inH, inW] = col2im(wᵀ · dy) per image; needs w. */
  readonly dx: Float32Array | null;
  /** dL/dw [cOut, cIn, kH, kW] = Σ over images of dy · im2col(x)ᵀ; needs x. */
  readonly dw: Float32Array | null;
  /** dL/dbias [cOut] = dy summed over images and positions. */
  readonly dBias: Float32Array | null;
}

/**
 * Whole float32 convolutions (groups = 1) a backend may offer in place of im2col + GEMM +
 * col2im; src/ops/conv.ts uses them when present. Arrays are contiguous from their offset:
 * x [n, cIn, inH, inW], w [cOut, cIn, kH, kW], bias [cOut], y and dy [n, cOut, outH, outW];
 * outputs are contiguous from 0 and overwritten. Each returns false, having written nothing
 * the caller relies on, when it cannot run the case (the caller falls back).
 */
export interface Conv2dKernels {
  /** y = conv(x, w) (+ bias[channel] when bias is not null). */
  forward(x: Float32Array, xOffset: number, w: Float32Array, wOffset: number, bias: Float32Array | null, biasOffset: number, y: Float32Array, s: ConvShape): boolean;
  /**
   * The gradients `out` asks for, for dL/dy = dy, in one pass over dy. x (with xOffset) is read
   * only for out.dw and w (with wOffset) only for out.dx; either may be null when not needed.
   */
  backward(dy: Float32Array, dyOffset: number, x: Float32Array | null, xOffset: number, w: Float32Array | null, wOffset: number, out: ConvGradients, s: ConvShape): boolean;
}

/**
 * The fused block relu(maxPool2d(conv2d(x, w) + bias, 2)) of most small CNNs (float32, groups = 1,
 * an even conv output), which a backend may offer so that the conv output and its gradient
 * never leave its memory; src/ops/conv-pool-relu.ts uses it when present. Shapes and offsets as
 * Conv2dKernels; `pooled` is [n, cOut, outH/2, outW/2], and `codes` (one byte per pooled value)
 * records where each value came from, for the backward pass. Each returns false, having written
 * nothing the caller relies on, when it cannot run the case.
 */
export interface ConvPoolReluKernels {
  forward(
    x: Float32Array, xOffset: number, w: Float32Array, wOffset: number, bias: Float32Array | null, biasOffset: number,
    pooled: Float32Array, codes: Uint8Array, s: ConvShape,
  ): boolean;
  /** The gradients `out` asks for, for dL/dpooled = dPooled and the forward's codes (x and w as Conv2dKernels.backward). */
  backward(
    dPooled: Float32Array, dOffset: number, codes: Uint8Array, x: Float32Array | null, xOffset: number, w: Float32Array | null, wOffset: number,
    out: ConvGradients, s: ConvShape,
  ): boolean;
}

/** The sizes of a dense layer y = x·Wᵀ + b for `LinearBackwardKernels`: x [rows, inF], W [outF, inF]. */
export interface LinearShape {
  readonly rows: number;
  readonly inF: number;
  readonly outF: number;
}

/**
 * The gradients of a float32 dense layer y = x·Wᵀ + b, or y = relu(x·Wᵀ + b) when `out` (the
 * layer's output) is given, in one call: dL/dy is read once, masked by out > 0 for the ReLU,
 * and feeds dx = g·W, dW = gᵀ·x and db = Σ_rows g; a backend may run the two products at once.
 * Arrays are contiguous from their offsets; results contiguous from 0 and overwritten, or added
 * to where `accumulate` says (null ones not computed; x is needed for dW, w for dx). Returns
 * false, having written nothing the caller relies on, when it cannot run the case.
 */
export interface LinearBackwardKernels {
  backward(
    g: Float32Array, gOffset: number, out: Float32Array | null, outOffset: number, x: Float32Array | null, xOffset: number,
    w: Float32Array | null, wOffset: number, grads: LinearGradients, s: LinearShape,
  ): boolean;
}

/** Where LinearBackwardKernels writes: null for a gradient not wanted. */
export interface LinearGradients {
  readonly dx: Float32Array | null;
  readonly dw: Float32Array | null;
  readonly db: Float32Array | null;
  /** Add dW (and dB) to what `dw` (`db`) holds instead of overwriting it (a parameter's `.grad`). */
  readonly accumulate?: { readonly dw: boolean; readonly db: boolean };
}

/**
 * The kernels a backend provides. Kernels receive validated inputs and preallocated outputs;
 * they do no shape inference, know nothing of tensors or gradients, and throw no user errors.
 */
export interface Backend {
  readonly name: string;

  /** out[i] = f(x[i]) over contiguous arrays of equal length. */
  unary(op: UnaryKernel, x: TypedArray, out: TypedArray, alpha: number): void;
  /**
   * Fused activation backward over contiguous arrays of equal length: out[i] = grad[i] · f'(·),
   * the derivative evaluated from `at`, the forward input for relu and leakyRelu (slope
   * `alpha`), the forward output for sigmoid and tanh. Intermediates round to out's precision,
   * so the result equals the composite ops' (mul(grad, gt(x, 0)), ...).
   */
  unaryBackward(op: UnaryBackwardKernel, at: TypedArray, grad: TypedArray, out: TypedArray, alpha: number): void;
  /** out = f(a, b) over `shape`, reading a and b through (broadcast) strides; out is contiguous. */
  binary(op: BinaryKernel, a: StridedInput, b: StridedInput, out: TypedArray, shape: readonly number[]): void;
  /** out = cond != 0 ? a : b over `shape`. */
  where(cond: StridedInput, a: StridedInput, b: StridedInput, out: TypedArray, shape: readonly number[]): void;
  /** Strided gather into contiguous `out` (also converts dtype when out's differs). */
  copy(x: StridedInput, out: TypedArray, shape: readonly number[]): void;

  /** Reduces contiguous x viewed as [outer, size, inner] over the middle axis into out [outer, inner]. */
  reduce(op: ReduceKernel, x: TypedArray, outer: number, size: number, inner: number, out: TypedArray): void;
  /** Index of the max / min along the middle axis of [outer, size, inner]; first index on ties. */
  argReduce(op: ArgReduceKernel, x: TypedArray, outer: number, size: number, inner: number, out: Int32Array): void;

  gemm(params: GemmParams): void;

  /**
   * Unfolds image `x` [channels, inH, inW] starting at `xOffset` into `cols`
   * [channels*kernelH*kernelW, outH*outW]; padding reads as zero.
   */
  im2col(x: FloatArray, xOffset: number, channels: number, g: WindowGeometry, cols: FloatArray): void;
  /** Adjoint of im2col: adds `cols` back into image `x` [channels, inH, inW] at `xOffset`. */
  col2im(cols: FloatArray, channels: number, g: WindowGeometry, x: FloatArray, xOffset: number): void;

  /** Max pooling over `planes` planes; `argmax` gets the flat in-plane index of each max (-1 if all padding). */
  maxPool2d(x: FloatArray, planes: number, g: WindowGeometry, out: FloatArray, argmax: Int32Array): void;
  /** Adds each gradOut value to gradIn at its argmax. */
  maxPool2dBackward(gradOut: FloatArray, argmax: Int32Array, planes: number, g: WindowGeometry, gradIn: FloatArray): void;
  /** Average pooling; the divisor counts padding cells when `countPadding`. */
  avgPool2d(x: FloatArray, planes: number, g: WindowGeometry, countPadding: boolean, out: FloatArray): void;
  avgPool2dBackward(gradOut: FloatArray, planes: number, g: WindowGeometry, countPadding: boolean, gradIn: FloatArray): void;

  /** out[o, j, i] = x[o, index[j], i] for x [outer, size, inner]. */
  gather(x: TypedArray, outer: number, size: number, inner: number, index: Int32Array, out: TypedArray): void;
  /** out[o, index[j], i] += src[o, j, i]; the adjoint of gather. */
  scatterAdd(src: TypedArray, outer: number, size: number, inner: number, index: Int32Array, out: TypedArray): void;

  /** Optional in-place optimizer kernels (the wasm backend's, where its memory is shared). */
  readonly optimizer?: OptimizerKernels;
  /** Optional whole float32 convolutions (groups = 1); see Conv2dKernels. */
  readonly conv2d?: Conv2dKernels;
  /** Optional one-call gradients of a dense layer (and its ReLU); see LinearBackwardKernels. */
  readonly linear?: LinearBackwardKernels;
  /** Optional fused conv → 2x2 max pool → ReLU; see ConvPoolReluKernels. */
  readonly convPoolRelu?: ConvPoolReluKernels;
}

/** The names of every kernel, for conformance tests and error messages. */
export const kernelNames = [
  'unary',
  'unaryBackward',
  'binary',
  'where',
  'copy',
  'reduce',
  'argReduce',
  'gemm',
  'im2col',
  'col2im',
  'maxPool2d',
  'maxPool2dBackward',
  'avgPool2d',
  'avgPool2dBackward',
  'gather',
  'scatterAdd',
] as const satisfies readonly (keyof Backend)[];
