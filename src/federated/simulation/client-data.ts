import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import type { Partition } from '../partition/index.js';
import { deriveSeed, SeedPurpose } from './seeds.js';

/**
 * A data set as flat arrays, the form worker threads share: `inputs` holds sample after sample
 * (each of `sampleShape`), `labels` the class ids. Backed by SharedArrayBuffers, the arrays
 * reach every worker once and are never copied again.
 */
export interface SimulationData {
  readonly inputs: Float32Array;
  readonly sampleShape: readonly number[];
  readonly labels: Int32Array;
  readonly numClasses: number;
}

/** One virtual client's rows: those it trains on and those it keeps for federated evaluation. */
export interface ClientShard {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Values per sample. */
export function sampleSize(data: SimulationData): number {
  return data.sampleShape.reduce((a, b) => a * b, 1);
}

/** `data` copied into SharedArrayBuffers (where available), ready to post to workers. */
export function shareData(data: SimulationData): SimulationData {
  if (typeof SharedArrayBuffer !== 'function') return data;
  const inputs = new Float32Array(new SharedArrayBuffer(data.inputs.byteLength));
  inputs.set(data.inputs);
  const labels = new Int32Array(new SharedArrayBuffer(data.labels.byteLength));
  labels.set(data.labels);
  return { inputs, sampleShape: [...data.sampleShape], labels, numClasses: data.numClasses };
}

/** Inputs [rows.length, ...sampleShape] and int32 targets gathered from `rows`. */
export function gatherBatch(data: SimulationData, rows: ArrayLike<number>, start = 0, end = rows.length): { input: Tensor; target: Tensor } {
  const size = sampleSize(data);
  const n = end - start;
  const x = new Float32Array(n * size);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[start + i]!;
    x.set(data.inputs.subarray(row * size, row * size + size), i * size);
    y[i] = data.labels[row]!;
  }
  return { input: new Tensor(x, [n, ...data.sampleShape]), target: new Tensor(y, [n]) };
}

/**
 * Splits each client's rows into a local training part and a held-out part of
 * `testFraction` (at least one row when the client has two or more), by a seeded shuffle.
 */
export function splitClients(partition: Partition, testFraction: number, seed: number): ClientShard[] {
  if (!(testFraction >= 0 && testFraction < 1)) throw new ConfigError(`splitClients: testFraction must be in [0, 1), got ${testFraction}`);
  return partition.map((rows, c) => {
    const order = new Generator(deriveSeed(seed, SeedPurpose.localSplit, c)).permutation(rows.length);
    const shuffled = Int32Array.from(order, (i) => rows[i]!);
    let test = Math.round(rows.length * testFraction);
    if (testFraction > 0 && rows.length >= 2) test = Math.min(rows.length - 1, Math.max(1, test));
    return { train: shuffled.slice(test), test: shuffled.slice(0, test) };
  });
}
