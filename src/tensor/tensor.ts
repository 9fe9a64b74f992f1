import type { GradHook, GradNode, HookHandle } from '../autograd/node.js';
import { DTypeError, IndexError } from '../errors/index.js';
import * as ops from '../ops/index.js';
import type { PadWidths, SliceSpec } from '../ops/index.js';
import { backward as runBackward } from '../autograd/backward.js';
import type { DType, TypedArray } from './dtype.js';
import { allocArray } from './dtype.js';
import { formatTensor } from './format.js';
import type { Shape } from './shape.js';
import { contiguousStrides, sizeOf } from './shape.js';

/** A nested array of numbers, as `tensor()` takes and `toArray()` returns. */
export type NestedArray = number | NestedArray[];

export interface TensorInit {
  readonly strides?: readonly number[];
  readonly offset?: number;
  readonly requiresGrad?: boolean;
}

/**
 * An n-dimensional array of float32, float64 or int32 values, with reverse-mode autograd.
 *
 * A tensor is a view: `storage` holds the values, and element (i0, i1, ...) sits at
 * `offset + i0*strides[0] + i1*strides[1] + ...`. transpose, permute, expand and slicing make
 * new views of the same storage without copying; `contiguous()` copies when needed.
 * Tensors are ordinary garbage-collected objects: nothing is freed by hand.
 */
export class Tensor {
  readonly storage: TypedArray;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  /** Whether gradients flow to this tensor. Set it on leaves you want `.grad` for. */
  requiresGrad: boolean;
  /** The accumulated gradient of a leaf (or of a tensor that called `retainGrad()`). */
  grad: Tensor | null = null;
  /** The op that produced this tensor, or null for a leaf. */
  gradFn: GradNode | null = null;
  /** An optional name, shown in error messages and diagnostics. */
  name: string | undefined;
  private hooks: GradHook[] = [];
  private retainsGrad = false;

  constructor(storage: TypedArray, shape: Shape, init: TensorInit = {}) {
    this.storage = storage;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(init.strides === undefined ? contiguousStrides(shape) : [...init.strides]);
    this.offset = init.offset ?? 0;
    this.dtype = storage instanceof Float32Array ? 'float32' : storage instanceof Float64Array ? 'float64' : 'int32';
    this.requiresGrad = init.requiresGrad ?? false;
    if (this.requiresGrad && this.dtype === 'int32') {
      throw new DTypeError('Tensor: only float tensors can require gradients, got int32', {
        hint: "cast first: x.cast('float32')",
      });
    }
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** True when this is a leaf of the graph (created by the user, not by an op). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** True when the elements lie in row-major order from `offset` without gaps. */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i]!;
      if (d !== 1 && this.strides[i] !== expected) return false;
      expected *= d;
    }
    return true;
  }

  /**
   * The values in row-major order as a typed array. Returns the storage itself when the tensor
   * covers all of it contiguously (do not write to it), otherwise a copy.
   */
  values(): TypedArray {
    const t = this.contiguous();
    if (t.offset === 0 && t.storage.length === t.size) return t.storage;
    return t.storage.slice(t.offset, t.offset + t.size);
  }

  /** The values as nested JavaScript arrays. */
  toArray(): NestedArray {
    const values = this.values();
    if (this.ndim === 0) return values[0]!;
    const build = (axis: number, start: number): NestedArray[] => {
      const d = this.shape[axis]!;
      const step = sizeOf(this.shape.slice(axis + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < d; i++) {
        out.push(axis === this.ndim - 1 ? values[start + i]! : build(axis + 1, start + i * step));
      }
      return out;
    };
    return build(0, 0);
  }

  /** The value of a one-element tensor as a number. */
  item(): number {
    if (this.size !== 1) {
      throw new IndexError(`item: only a one-element tensor converts to a number, this one has shape [${this.shape.join(',')}]`, {
        hint: 'reduce it first, for example x.sum().item()',
      });
    }
    return this.storage[this.offset]!;
  }

  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- autograd ----

  /**
   * Backpropagates from this tensor and accumulates gradients into the `.grad` of the leaves
   * that require them. A non-scalar tensor needs an explicit upstream `gradient` of its shape.
   */
  backward(gradient?: Tensor, options: { retainGraph?: boolean; createGraph?: boolean } = {}): void {
    runBackward([this], gradient === undefined ? undefined : [gradient], options);
  }

  /**
   * Registers `hook(grad)` to run when this tensor's gradient has been computed; a returned
   * tensor replaces the gradient. This is how layers expose dL/d(activation).
   */
  registerHook(hook: GradHook): HookHandle {
    this.hooks.push(hook);
    return {
      remove: () => {
        this.hooks = this.hooks.filter((h) => h !== hook);
      },
    };
  }

  /** The hooks registered on this tensor (read by backward). */
  gradHooks(): readonly GradHook[] {
    return this.hooks;
  }

  /** Makes a non-leaf keep its gradient in `.grad`, like torch's retain_grad(). */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  get retainsGradient(): boolean {
    return this.retainsGrad;
  }

  /** Clears `.grad`. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** Sets `requiresGrad` and returns this tensor, for chaining. */
  requiresGrad_(on = true): this {
    if (on && this.dtype === 'int32') {
      throw new DTypeError('requiresGrad_: only float tensors can require gradients, got int32', { hint: "cast first: x.cast('float32')" });
    }
    this.requiresGrad = on;
    return this;
  }

  /** A tensor sharing this one's values but cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, { strides: this.strides, offset: this.offset });
  }

  // ---- conversion and copies ----

  clone(): Tensor {
    return ops.clone(this);
  }
  contiguous(): Tensor {
    return ops.contiguous(this);
  }
  cast(dtype: DType): Tensor {
    return ops.cast(this, dtype);
  }

  // ---- elementwise ----

  add(other: Tensor | number): Tensor {
    return ops.add(this, other);
  }
  sub(other: Tensor | number): Tensor {
    return ops.sub(this, other);
  }
  mul(other: Tensor | number): Tensor {
    return ops.mul(this, other);
  }
  div(other: Tensor | number): Tensor {
    return ops.div(this, other);
  }
  pow(exponent: Tensor | number): Tensor {
    return ops.pow(this, exponent);
  }
  maximum(other: Tensor | number): Tensor {
    return ops.maximum(this, other);
  }
  minimum(other: Tensor | number): Tensor {
    return ops.minimum(this, other);
  }
  eq(other: Tensor | number): Tensor {
    return ops.eq(this, other);
  }
  ne(other: Tensor | number): Tensor {
    return ops.ne(this, other);
  }
  lt(other: Tensor | number): Tensor {
    return ops.lt(this, other);
  }
  le(other: Tensor | number): Tensor {
    return ops.le(this, other);
  }
  gt(other: Tensor | number): Tensor {
    return ops.gt(this, other);
  }
  ge(other: Tensor | number): Tensor {
    return ops.ge(this, other);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  abs(): Tensor {
    return ops.abs(this);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  log1p(): Tensor {
    return ops.log1p(this);
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  rsqrt(): Tensor {
    return ops.rsqrt(this);
  }
  square(): Tensor {
    return ops.square(this);
  }
  sin(): Tensor {
    return ops.sin(this);
  }
  cos(): Tensor {
    return ops.cos(this);
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  leakyRelu(negativeSlope?: number): Tensor {
    return ops.leakyRelu(this, negativeSlope);
  }
  elu(alpha?: number): Tensor {
    return ops.elu(this, alpha);
  }
  gelu(): Tensor {
    return ops.gelu(this);
  }
  softplus(): Tensor {
    return ops.softplus(this);
  }
  clamp(min?: number, max?: number): Tensor {
    return ops.clamp(this, min, max);
  }

  // ---- reductions ----

  sum(axis?: number | readonly number[], keepdims?: boolean): Tensor {
    return ops.sum(this, axis, keepdims);
  }
  mean(axis?: number | readonly number[], keepdims?: boolean): Tensor {
    return ops.mean(this, axis, keepdims);
  }
  max(axis?: number | readonly number[], keepdims?: boolean): Tensor {
    return ops.max(this, axis, keepdims);
  }
  min(axis?: number | readonly number[], keepdims?: boolean): Tensor {
    return ops.min(this, axis, keepdims);
  }
  argmax(axis?: number, keepdims?: boolean): Tensor {
    return ops.argmax(this, axis, keepdims);
  }
  argmin(axis?: number, keepdims?: boolean): Tensor {
    return ops.argmin(this, axis, keepdims);
  }
  var(axis?: number | readonly number[], keepdims?: boolean, correction?: number): Tensor {
    return ops.variance(this, axis, keepdims, correction);
  }
  std(axis?: number | readonly number[], keepdims?: boolean, correction?: number): Tensor {
    return ops.std(this, axis, keepdims, correction);
  }
  logsumexp(axis?: number | readonly number[], keepdims?: boolean): Tensor {
    return ops.logsumexp(this, axis, keepdims);
  }
  norm(ord?: number, axis?: number | readonly number[], keepdims?: boolean): Tensor {
    return ops.norm(this, ord, axis, keepdims);
  }
  softmax(axis?: number): Tensor {
    return ops.softmax(this, axis);
  }
  logSoftmax(axis?: number): Tensor {
    return ops.logSoftmax(this, axis);
  }

  // ---- linear algebra ----

  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }

  // ---- shape ----

  reshape(...shape: number[]): Tensor {
    return ops.reshape(this, shape);
  }
  view(...shape: number[]): Tensor {
    return ops.reshape(this, shape);
  }
  flatten(startAxis?: number, endAxis?: number): Tensor {
    return ops.flatten(this, startAxis, endAxis);
  }
  transpose(axis0?: number, axis1?: number): Tensor {
    return ops.transpose(this, axis0, axis1);
  }
  /** The transpose of a matrix (the last two axes swapped). */
  get T(): Tensor {
    return ops.transpose(this);
  }
  permute(...axes: number[]): Tensor {
    return ops.permute(this, axes);
  }
  squeeze(axis?: number): Tensor {
    return ops.squeeze(this, axis);
  }
  unsqueeze(axis: number): Tensor {
    return ops.unsqueeze(this, axis);
  }
  expand(...shape: number[]): Tensor {
    return ops.expand(this, shape);
  }
  slice(...specs: SliceSpec[]): Tensor {
    return ops.slice(this, specs);
  }
  gather(axis: number, index: Tensor): Tensor {
    return ops.gather(this, axis, index);
  }
  indexSelect(axis: number, index: Tensor | readonly number[]): Tensor {
    return ops.indexSelect(this, axis, index);
  }
  pad(widths: PadWidths, value?: number): Tensor {
    return ops.pad(this, widths, value);
  }
  split(sizeOrSections: number | readonly number[], axis?: number): Tensor[] {
    return ops.split(this, sizeOrSections, axis);
  }
}

/** Allocates a contiguous tensor of `shape` filled with zeros. */
export function emptyTensor(shape: Shape, dtype: DType): Tensor {
  return new Tensor(allocArray(dtype, sizeOf(shape)), shape);
}
