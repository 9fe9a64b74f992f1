import { IndexError, ShapeError, formatShape } from '../errors/index.js';
import type { TypedArray } from '../tensor/index.js';
import { Tensor, sizeOf } from '../tensor/index.js';
import { allocArray, dtypeOfArray } from '../tensor/dtype.js';
import type { Batch, Dataset, Sample } from './dataset.js';

export interface TensorDatasetOptions {
  /** Names of the classes, index = label. Readers fill it in (Fashion-MNIST, digits). @default undefined */
  readonly classNames?: readonly string[];
}

/**
 * A data set held in two tensors: `inputs` [N, ...] and `targets` [N] (int32 class indices) or
 * [N, k] (float values). Sample i is row i of each, like torch's TensorDataset.
 *
 * Batches are assembled by copying typed-array rows (`getBatch`), never through per-sample tensors.
 * @example
 * const ds = new TensorDataset(tensor([[0, 0], [0, 1]]), tensor([0, 1], { dtype: 'int32' }));
 * ds.get(1).input.toArray(); // [0, 1]
 */
export class TensorDataset implements Dataset {
  readonly inputs: Tensor;
  readonly targets: Tensor;
  readonly classNames: readonly string[] | undefined;
  private readonly inputValues: TypedArray;
  private readonly targetValues: TypedArray;
  private readonly inputRow: number;
  private readonly targetRow: number;

  constructor(inputs: Tensor, targets: Tensor, options: TensorDatasetOptions = {}) {
    if (inputs.ndim === 0 || targets.ndim === 0) {
      throw new ShapeError(
        `TensorDataset: inputs and targets need a leading sample axis, got inputs ${formatShape(inputs.shape)} and targets ${formatShape(targets.shape)}`,
        { hint: 'pass inputs of shape [N, ...] and targets of shape [N] or [N, k]' },
      );
    }
    if (inputs.shape[0] !== targets.shape[0]) {
      throw new ShapeError(
        `TensorDataset: inputs and targets must have the same number of samples, got inputs ${formatShape(inputs.shape)} and targets ${formatShape(targets.shape)}`,
        { expected: inputs.shape[0], got: targets.shape[0] },
      );
    }
    this.inputs = inputs;
    this.targets = targets;
    this.classNames = options.classNames;
    this.inputValues = inputs.values();
    this.targetValues = targets.values();
    this.inputRow = sizeOf(inputs.shape.slice(1));
    this.targetRow = sizeOf(targets.shape.slice(1));
  }

  get length(): number {
    return this.inputs.shape[0]!;
  }

  get(index: number): Sample {
    checkIndex('TensorDataset.get', index, this.length);
    return {
      input: new Tensor(copyRows(this.inputValues, this.inputRow, [index]), this.inputs.shape.slice(1)),
      target: new Tensor(copyRows(this.targetValues, this.targetRow, [index]), this.targets.shape.slice(1)),
    };
  }

  getBatch(indices: ArrayLike<number>): Batch {
    for (let b = 0; b < indices.length; b++) checkIndex('TensorDataset.getBatch', indices[b]!, this.length);
    return {
      input: new Tensor(copyRows(this.inputValues, this.inputRow, indices), [indices.length, ...this.inputs.shape.slice(1)]),
      target: new Tensor(copyRows(this.targetValues, this.targetRow, indices), [indices.length, ...this.targets.shape.slice(1)]),
    };
  }
}

/** Copies rows `indices` (each `row` values long) of `values` into a new array of the same type. */
function copyRows(values: TypedArray, row: number, indices: ArrayLike<number>): TypedArray {
  const out = allocArray(dtypeOfArray(values), indices.length * row);
  for (let b = 0; b < indices.length; b++) {
    const start = indices[b]! * row;
    out.set(values.subarray(start, start + row), b * row);
  }
  return out;
}

/** Throws IndexError unless `index` is an integer in [0, length). */
export function checkIndex(op: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new IndexError(`${op}: index ${index} is out of range for a data set of ${length} samples`, {
      expected: `an integer in [0, ${length})`,
      got: index,
    });
  }
}
