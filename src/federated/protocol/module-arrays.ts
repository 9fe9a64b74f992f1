import { ConfigError } from '../../errors/index.js';
import type { Module } from '../../nn/index.js';
import { Tensor } from '../../tensor/index.js';
import type { ArrayData, ArrayRecord } from './records.js';

/** Anything with a state dict (every Module). */
export type HasStateDict = Pick<Module<never[], unknown>, 'stateDict'>;

/**
 * The parameters and buffers of `model` as an ArrayRecord, in state-dict order, copied (the
 * record does not share memory with the model, so training the model later leaves it unchanged).
 * @example const global = arraysFromModule(mlp(2, [8], 3));
 */
export function arraysFromModule(model: HasStateDict): ArrayRecord {
  return arraysFromTensors(model.stateDict());
}

/** Named tensors as an ArrayRecord (copied), in the order of `tensors`' keys. */
export function arraysFromTensors(tensors: Readonly<Record<string, Tensor>>): ArrayRecord {
  return Object.entries(tensors).map(([name, t]) => {
    const data = t.values().slice() as ArrayData;
    return { name, shape: [...t.shape], dtype: t.dtype, data };
  });
}

/** Tensors over (copies of) the arrays of `record`, by name. */
export function tensorsFromArrays(record: ArrayRecord): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const a of record) out[a.name] = new Tensor(a.data.slice(), a.shape);
  return out;
}

/**
 * Writes `record` into `model`'s parameters and buffers (in place, like loadStateDict). Every
 * state-dict entry must be present with the same shape and dtype.
 */
export function loadArraysIntoModule(model: HasStateDict, record: ArrayRecord): void {
  const state = model.stateDict();
  const names = new Set(record.map((a) => a.name));
  const missing = Object.keys(state).filter((k) => !names.has(k));
  const unexpected = [...names].filter((k) => !(k in state));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new ConfigError(`loadArraysIntoModule: names do not match the model: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`, {
      hint: 'build the client model with the same architecture as the global parameters (arraysFromModule of the same factory)',
    });
  }
  for (const a of record) {
    const target = state[a.name]!;
    if (target.dtype !== a.dtype || target.shape.length !== a.shape.length || target.shape.some((d, i) => d !== a.shape[i])) {
      throw new ConfigError(
        `loadArraysIntoModule: '${a.name}' is ${a.dtype} [${a.shape.join(',')}], the model expects ${target.dtype} [${target.shape.join(',')}]`,
      );
    }
    if (target.isContiguous()) target.storage.set(a.data, target.offset);
    else throw new ConfigError(`loadArraysIntoModule: '${a.name}' is a non-contiguous view and cannot be written in place`);
  }
}
