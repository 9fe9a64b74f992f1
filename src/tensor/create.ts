import { ConfigError, DTypeError, ShapeError } from '../errors/index.js';
import type { DType, TypedArray } from './dtype.js';
import { allocArray, dtypeOfArray } from './dtype.js';
import type { Generator } from './random.js';
import { defaultGenerator } from './random.js';
import type { Shape } from './shape.js';
import { sizeOf, validateShape } from './shape.js';
import type { NestedArray } from './tensor.js';
import { Tensor } from './tensor.js';

export interface CreateOptions {
  /** @default 'float32' (for typed arrays: the array's own type) */
  readonly dtype?: DType;
  /** @default false */
  readonly requiresGrad?: boolean;
}

export interface RandomOptions extends CreateOptions {
  /** @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

function make(data: TypedArray, shape: Shape, options: CreateOptions): Tensor {
  return new Tensor(data, shape, { requiresGrad: options.requiresGrad ?? false });
}

function inferShape(value: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0]!;
  }
  return shape;
}

function flattenInto(value: NestedArray, shape: Shape, axis: number, out: number[]): void {
  if (axis === shape.length) {
    if (typeof value !== 'number') {
      throw new ShapeError('tensor: ragged nested array: expected a number at depth ' + axis, { got: value });
    }
    out.push(value);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[axis]) {
    throw new ShapeError(
      `tensor: ragged nested array: expected ${shape[axis]} entries at depth ${axis}, got ${Array.isArray(value) ? value.length : 'a number'}`,
      { hint: 'every row of a nested array must have the same length' },
    );
  }
  for (const item of value) flattenInto(item, shape, axis + 1, out);
}

/**
 * Creates a tensor from a number, nested arrays, or a typed array (with `shape`).
 * @example tensor([[1, 2], [3, 4]]) // float32, shape [2,2]
 */
export function tensor(value: NestedArray | TypedArray, options: CreateOptions & { shape?: Shape } = {}): Tensor {
  if (ArrayBuffer.isView(value)) {
    const shape = options.shape ?? [value.length];
    validateShape('tensor', shape);
    if (sizeOf(shape) !== value.length) {
      throw new ShapeError(`tensor: shape [${shape.join(',')}] needs ${sizeOf(shape)} values, the array has ${value.length}`);
    }
    const dtype = options.dtype ?? dtypeOfArray(value);
    const data = dtype === dtypeOfArray(value) ? value : copyAs(value, dtype);
    return make(data, shape, options);
  }
  const shape = inferShape(value);
  const flat: number[] = [];
  flattenInto(value, shape, 0, flat);
  const data = allocArray(options.dtype ?? 'float32', flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = flat[i]!;
  if (options.shape !== undefined) {
    if (sizeOf(options.shape) !== flat.length) throw new ShapeError(`tensor: shape [${options.shape.join(',')}] does not fit ${flat.length} values`);
    return make(data, options.shape, options);
  }
  return make(data, shape, options);
}

function copyAs(value: TypedArray, dtype: DType): TypedArray {
  const out = allocArray(dtype, value.length);
  for (let i = 0; i < value.length; i++) out[i] = value[i]!;
  return out;
}

/** A 0-d tensor. */
export function scalar(value: number, options: CreateOptions = {}): Tensor {
  return tensor(value, options);
}

export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  validateShape('full', shape);
  const data = allocArray(options.dtype ?? 'float32', sizeOf(shape));
  data.fill(value);
  return make(data, shape, options);
}

export function zeros(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

export function zerosLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return zeros(t.shape, { dtype: t.dtype, ...options });
}

export function onesLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return ones(t.shape, { dtype: t.dtype, ...options });
}

export function fullLike(t: Tensor, value: number, options: CreateOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...options });
}

/**
 * Values from `start` to `end` (exclusive) by `step`, like NumPy's arange. With one argument
 * it counts from 0. The dtype defaults to int32 when all arguments are integers.
 */
export function arange(start: number, end?: number, step = 1, options: CreateOptions = {}): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step)) throw new ConfigError(`arange: step must be a non-zero finite number, got ${step}`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const allInt = [from, to, step].every(Number.isInteger);
  const data = allocArray(options.dtype ?? (allInt ? 'int32' : 'float32'), count);
  for (let i = 0; i < count; i++) data[i] = from + i * step;
  return make(data, [count], options);
}

/** `count` evenly spaced values from `start` to `end`, both included. */
export function linspace(start: number, end: number, count: number, options: CreateOptions = {}): Tensor {
  if (!Number.isInteger(count) || count < 0) throw new ConfigError(`linspace: count must be a non-negative integer, got ${count}`);
  const data = allocArray(options.dtype ?? 'float32', count);
  const step = count > 1 ? (end - start) / (count - 1) : 0;
  for (let i = 0; i < count; i++) data[i] = i === count - 1 && count > 1 ? end : start + i * step;
  return make(data, [count], options);
}

/** The identity matrix with `rows` rows (and `cols` columns, default square). */
export function eye(rows: number, cols = rows, options: CreateOptions = {}): Tensor {
  validateShape('eye', [rows, cols]);
  const data = allocArray(options.dtype ?? 'float32', rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) data[i * cols + i] = 1;
  return make(data, [rows, cols], options);
}

function floatDType(op: string, options: CreateOptions): DType {
  const dtype = options.dtype ?? 'float32';
  if (dtype === 'int32') throw new DTypeError(`${op}: draws floats; use randint for int32`, { got: dtype });
  return dtype;
}

/** Uniform values in [0, 1). */
export function rand(shape: Shape, options: RandomOptions = {}): Tensor {
  validateShape('rand', shape);
  const g = options.generator ?? defaultGenerator;
  const data = allocArray(floatDType('rand', options), sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = g.random();
  return make(data, shape, options);
}

/** Standard normal values. */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  validateShape('randn', shape);
  const g = options.generator ?? defaultGenerator;
  const data = allocArray(floatDType('randn', options), sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = g.normal();
  return make(data, shape, options);
}

/** Uniform integers in [low, high); int32 unless another dtype is asked for. */
export function randint(low: number, high: number, shape: Shape, options: RandomOptions = {}): Tensor {
  validateShape('randint', shape);
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ConfigError(`randint: expected integers low < high, got low=${low}, high=${high}`);
  }
  const g = options.generator ?? defaultGenerator;
  const data = allocArray(options.dtype ?? 'int32', sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = g.integer(low, high);
  return make(data, shape, options);
}

/** A random permutation of 0..n-1 as an int32 tensor. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  const g = options.generator ?? defaultGenerator;
  return make(g.permutation(n), [n], options);
}
