/**
 * Training checkpoints: one safetensors file holding the model's tensors, the optimizer's
 * tensors and the callbacks' tensors, with everything else (optimizer scalars and
 * hyperparameters, scheduler and callback state, the DataLoader position, the default RNG
 * state, the epoch and the history) as JSON in the `__metadata__` entry `deeptrace.checkpoint`.
 * Tensor names: `model/<dotted name>`, `optimizer/<param index>/<key>`, `callbacks/<key>/<name>`.
 */
import type { DataLoaderState } from '../data/data-loader.js';
import { FormatError } from '../errors/index.js';
import { readFileLimited, writeFileAtomic } from '../io/atomic-write.js';
import { decodeSafetensors, encodeSafetensors } from '../io/safetensors.js';
import type { Hyperparameters, OptimizerStateDict, ParamState } from '../optim/optimizer.js';
import type { GeneratorState, Tensor } from '../tensor/index.js';
import type { EpochLogs } from './history.js';

/** JSON-safe values, as kept in checkpoint metadata. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What a stateful callback saves: JSON values and, optionally, named tensors (best weights). */
export interface CallbackState {
  readonly values: JsonValue;
  readonly tensors?: Record<string, Tensor>;
}

/** Everything needed to continue training exactly where it stopped. */
export interface Checkpoint {
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer steps taken. */
  readonly step: number;
  readonly model: Record<string, Tensor>;
  readonly optimizer: OptimizerStateDict;
  /** The training DataLoader's position and generator. */
  readonly loader: DataLoaderState;
  /** The default generator's state (dropout and other random layers draw from it). */
  readonly generator: GeneratorState;
  /** Each stateful callback's state (schedulers, early stopping, checkpoint bests), by key. */
  readonly callbacks: Record<string, CallbackState>;
  readonly history: readonly EpochLogs[];
}

const metadataKey = 'deeptrace.checkpoint';
const formatVersion = 1;

/** Encodes a checkpoint as safetensors bytes. */
export function encodeCheckpoint(cp: Checkpoint): Uint8Array {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(cp.model)) tensors[`model/${name}`] = t;
  const scalars: Record<string, Record<string, number>> = {};
  for (const [index, state] of Object.entries(cp.optimizer.state)) {
    for (const [key, value] of Object.entries(state)) {
      if (typeof value === 'number') (scalars[index] ??= {})[key] = value;
      else tensors[`optimizer/${index}/${key}`] = value;
    }
    scalars[index] ??= {};
  }
  const callbacks: Record<string, JsonValue> = {};
  for (const [key, state] of Object.entries(cp.callbacks)) {
    callbacks[key] = state.values;
    for (const [name, t] of Object.entries(state.tensors ?? {})) tensors[`callbacks/${key}/${name}`] = t;
  }
  const meta = {
    version: formatVersion,
    epoch: cp.epoch,
    step: cp.step,
    optimizer: { groups: cp.optimizer.groups, scalars },
    loader: cp.loader,
    generator: cp.generator,
    callbacks,
    history: cp.history,
  };
  return encodeSafetensors(tensors, { [metadataKey]: JSON.stringify(meta, writeNumber) });
}

// JSON has no NaN or Infinity (a best-so-far of Infinity, a NaN metric): they travel tagged.
const tag = '$float';

function writeNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [tag]: String(value) } : value;
}

function readNumber(_key: string, value: unknown): unknown {
  if (isRecord(value) && Object.keys(value).length === 1 && typeof value[tag] === 'string') {
    const text = value[tag];
    if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return Number(text);
  }
  return value;
}

function fail(source: string, what: string): never {
  throw new FormatError(`${source}: not a deeptrace checkpoint: ${what}`, {
    hint: 'pass a file written by ModelCheckpoint or saveCheckpoint',
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Decodes bytes written by `encodeCheckpoint`, checking the structure before trusting it. */
export function decodeCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Checkpoint {
  const { tensors, metadata } = decodeSafetensors(bytes, { source });
  const text = metadata[metadataKey];
  if (text === undefined) fail(source, `the metadata has no '${metadataKey}' entry`);
  let meta: unknown;
  try {
    meta = JSON.parse(text, readNumber);
  } catch {
    fail(source, `'${metadataKey}' is not valid JSON`);
  }
  if (!isRecord(meta)) fail(source, 'the metadata is not an object');
  if (meta['version'] !== formatVersion) fail(source, `format version ${String(meta['version'])}, expected ${formatVersion}`);
  const { epoch, step, optimizer, loader, generator, callbacks, history } = meta;
  if (!isCount(epoch) || !isCount(step)) fail(source, 'epoch and step must be non-negative integers');
  if (!isRecord(optimizer) || !Array.isArray(optimizer['groups']) || !isRecord(optimizer['scalars'])) fail(source, 'bad optimizer entry');
  if (!isRecord(loader) || !isCount(loader['epoch']) || !isCount(loader['batch']) || !isGeneratorState(loader['generator'])) {
    fail(source, 'bad loader entry');
  }
  if (!isGeneratorState(generator)) fail(source, 'bad generator state');
  if (!isRecord(callbacks)) fail(source, 'bad callbacks entry');
  if (!Array.isArray(history) || !history.every((h) => isRecord(h) && Object.values(h).every((v) => typeof v === 'number'))) {
    fail(source, 'bad history entry');
  }
  const model: Record<string, Tensor> = {};
  const paramStates: Record<number, ParamState> = {};
  const callbackTensors: Record<string, Record<string, Tensor>> = {};
  for (const [index, s] of Object.entries(optimizer['scalars'])) {
    if (!isCount(Number(index)) || !isRecord(s) || !Object.values(s).every((v) => typeof v === 'number')) fail(source, 'bad optimizer scalars');
    paramStates[Number(index)] = { ...(s as Record<string, number>) };
  }
  for (const [name, t] of Object.entries(tensors)) {
    const cut = name.indexOf('/');
    const kind = name.slice(0, cut);
    const rest = name.slice(cut + 1);
    if (kind === 'model') model[rest] = t;
    else if (kind === 'optimizer' || kind === 'callbacks') {
      const slash = rest.indexOf('/');
      if (slash < 0) fail(source, `tensor name '${name}'`);
      const [key, sub] = [rest.slice(0, slash), rest.slice(slash + 1)];
      if (kind === 'optimizer') {
        const state = paramStates[Number(key)];
        if (state === undefined) fail(source, `optimizer tensor '${name}' for an unknown parameter`);
        state[sub] = t;
      } else (callbackTensors[key] ??= {})[sub] = t;
    } else fail(source, `unexpected tensor '${name}'`);
  }
  const callbackStates: Record<string, CallbackState> = {};
  for (const [key, values] of Object.entries(callbacks)) {
    const own = callbackTensors[key];
    callbackStates[key] = own === undefined ? { values: values as JsonValue } : { values: values as JsonValue, tensors: own };
  }
  return {
    epoch,
    step,
    model,
    optimizer: { state: paramStates, groups: optimizer['groups'] as Hyperparameters[] },
    loader: loader as unknown as DataLoaderState,
    generator,
    callbacks: callbackStates,
    history: (history as Record<string, number>[]).map((h) => ({ ...h }) as unknown as EpochLogs),
  };
}

function isGeneratorState(v: unknown): v is GeneratorState {
  return Array.isArray(v) && v.length === 4 && v.every((w) => isCount(w) && w <= 0xffffffff);
}

/** Writes a checkpoint atomically (temp file, fsync, rename): a crash never leaves a half-written file. */
export async function saveCheckpoint(path: string, cp: Checkpoint): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(cp));
}

/**
 * Reads a checkpoint file.
 * @param options.maxBytes largest file accepted. @default 2 ** 31
 */
export async function loadCheckpoint(path: string, options: { readonly maxBytes?: number } = {}): Promise<Checkpoint> {
  return decodeCheckpoint(await readFileLimited(path, options.maxBytes ?? 2 ** 31), path);
}
