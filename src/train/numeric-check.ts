import { noGrad } from '../autograd/index.js';
import { NumericError } from '../errors/index.js';
import type { Module } from '../nn/module.js';
import type { Tensor, TypedArray } from '../tensor/index.js';

/** Where in training a value went bad. */
export interface TrainStep {
  /** 1-based epoch. */
  readonly epoch: number;
  /** 0-based batch within the epoch. */
  readonly batch: number;
  /** Optimizer steps since the start of training, counting this one. */
  readonly step: number;
}

/**
 * A NaN or infinity stopped training. `layer` is the dotted name of the parameter (`fc1.weight`)
 * or module (`fc1`) where it was found; `tensor` says which tensor (`loss`, `gradient of
 * fc1.weight`, `parameter fc1.weight`, `output of fc2`).
 */
export class NonFiniteError extends NumericError {
  override name = 'NumericError';
  readonly epoch: number;
  readonly batch: number;
  readonly step: number;
  readonly layer: string;
  readonly tensor: string;

  constructor(at: TrainStep, layer: string, tensor: string, message: string) {
    super(`fit: ${message} at epoch ${at.epoch}, batch ${at.batch} (step ${at.step}); layer: ${layer}; tensor: ${tensor}`, {
      expected: 'finite values',
      got: 'NaN or Infinity',
      hint: 'lower the learning rate, clip gradients, normalize the inputs, or look for NaN/Inf in the data',
    });
    this.epoch = at.epoch;
    this.batch = at.batch;
    this.step = at.step;
    this.layer = layer;
    this.tensor = tensor;
  }
}

/** True when every value is finite. x*0 is 0 for finite x and NaN for NaN or ±Inf, so one sum decides. */
export function allFinite(values: TypedArray): boolean {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * 0;
  return s === 0;
}

function describe(values: TypedArray): string {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return String(v);
  }
  return 'finite';
}

/** Throws NonFiniteError naming the first parameter whose gradient holds NaN or Inf. */
export function checkGradients(params: readonly (readonly [string, Tensor])[], at: TrainStep): void {
  for (const [name, p] of params) {
    const g = p.grad;
    if (g === null) continue;
    const values = g.values();
    if (!allFinite(values)) throw new NonFiniteError(at, name, `gradient of ${name}`, `the gradient holds ${describe(values)}`);
  }
}

/**
 * Explains a non-finite loss: a parameter that already holds NaN/Inf, else the first module
 * (in the order it ran) whose output is non-finite, found by running forward once more under
 * noGrad with forward hooks. Only called on failure, so its cost does not matter.
 */
export function lossError(
  loss: number,
  model: Module,
  params: readonly (readonly [string, Tensor])[],
  input: Tensor,
  at: TrainStep,
): NonFiniteError {
  const what = `the loss is ${loss}`;
  for (const [name, p] of params) {
    const values = p.values();
    if (!allFinite(values)) return new NonFiniteError(at, name, 'loss', `${what}; parameter ${name} holds ${describe(values)}`);
  }
  const inputValues = input.values();
  if (input.dtype !== 'int32' && !allFinite(inputValues)) {
    return new NonFiniteError(at, 'input', 'loss', `${what}; the input batch holds ${describe(inputValues)}`);
  }
  let first: string | undefined;
  let detail = '';
  const handles = model.namedModules().map(([name, m]) =>
    m.registerForwardHook((_module, _inputs, output) => {
      if (first !== undefined || !isFloatTensor(output) || allFinite(output.values())) return;
      first = name === '' ? '(model)' : name;
      const own = m.namedParameters().map(([p]) => (name === '' ? p : `${name}.${p}`));
      detail = ` (${m.toString()}${own.length > 0 ? `, parameters ${own.join(', ')}` : ''})`;
    }),
  );
  try {
    noGrad(() => model.call(input));
  } catch {
    // The diagnosis is best effort; the original failure is what we report.
  } finally {
    for (const h of handles) h.remove();
  }
  if (first !== undefined) return new NonFiniteError(at, first, 'loss', `${what}; first layer with a non-finite output: ${first}${detail}`);
  return new NonFiniteError(at, 'loss function', 'loss', `${what}; every parameter and layer output is finite, so the loss function produced it (log of 0? check the targets)`);
}

function isFloatTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && 'storage' in value && 'dtype' in value && (value as Tensor).dtype !== 'int32';
}
