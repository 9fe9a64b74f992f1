import { ConfigError } from '../../errors/index.js';

/**
 * Typed payloads of the federated protocol (Flower's ArrayRecord / MetricRecord / ConfigRecord).
 * Pure data: plain objects and typed arrays, no classes, no I/O, safe in a browser and easy to
 * encode for a network transport.
 */

/** Element types a parameter array may have (int32 for counters such as BatchNorm's). */
export type ArrayDType = 'float32' | 'float64' | 'int32';

/** The typed array behind each ArrayDType. */
export type ArrayData = Float32Array | Float64Array | Int32Array;

/** One named tensor of model parameters: row-major `data` of `shape`. */
export interface NamedArray {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: ArrayDType;
  readonly data: ArrayData;
}

/** Model parameters: named arrays in a fixed order (the order of the model's state dict). */
export type ArrayRecord = readonly NamedArray[];

/** Numeric results (loss, accuracy, ...). Every value must be a finite number. */
export type MetricRecord = Readonly<Record<string, number>>;

/** A value of a configuration entry sent to clients. */
export type ConfigValue = number | string | boolean;

/** Per-round configuration sent to clients (localEpochs, lr, proximalMu, ...). */
export type ConfigRecord = Readonly<Record<string, ConfigValue>>;

/** The dtype of a typed array. */
export function arrayDTypeOf(data: ArrayData): ArrayDType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  return 'int32';
}

/** A zero-filled typed array of `dtype`. */
export function allocData(dtype: ArrayDType, size: number): ArrayData {
  if (dtype === 'float32') return new Float32Array(size);
  if (dtype === 'float64') return new Float64Array(size);
  return new Int32Array(size);
}

/** Product of the dimensions of `shape` (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Builds one named array, checking that `data` has `shape`'s size.
 * @example namedArray('fc.bias', [2], new Float32Array([0.1, -0.2]))
 */
export function namedArray(name: string, shape: readonly number[], data: ArrayData): NamedArray {
  if (data.length !== shapeSize(shape)) {
    throw new ConfigError(`namedArray: '${name}' has ${data.length} values but shape [${shape.join(',')}] needs ${shapeSize(shape)}`, {
      expected: shapeSize(shape),
      got: data.length,
    });
  }
  return { name, shape: [...shape], dtype: arrayDTypeOf(data), data };
}

/** A deep copy of `record` (new typed arrays), so a receiver can never write into the sender's. */
export function cloneArrayRecord(record: ArrayRecord): ArrayRecord {
  return record.map((a) => ({ name: a.name, shape: [...a.shape], dtype: a.dtype, data: a.data.slice() }));
}

/** Total number of values across the arrays of `record`. */
export function arrayRecordSize(record: ArrayRecord): number {
  let n = 0;
  for (const a of record) n += a.data.length;
  return n;
}

/** `record` with each array's data replaced by `map(array, index)` (same names, shapes, dtypes). */
export function mapArrayRecord(record: ArrayRecord, map: (array: NamedArray, index: number) => ArrayData): ArrayRecord {
  return record.map((a, i) => {
    const data = map(a, i);
    return { name: a.name, shape: [...a.shape], dtype: arrayDTypeOf(data), data };
  });
}
