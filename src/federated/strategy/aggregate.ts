import { ConfigError } from '../../errors/index.js';
import type { ArrayData, ArrayDType, ArrayRecord, ClientResult, MetricRecord } from '../protocol/index.js';
import { allocData, mapArrayRecord } from '../protocol/index.js';

/** Shared math of the strategies: every function works coordinate by coordinate in float64. */

/** `values` written into an array of `dtype` (int32 values are rounded). */
export function castData(values: Float64Array, dtype: ArrayDType): ArrayData {
  const out = allocData(dtype, values.length);
  if (dtype === 'int32') for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i]!);
  else out.set(values);
  return out;
}

/** The parameters of each result; throws when a train result has none (the server guarantees it). */
export function parametersOf(op: string, results: readonly ClientResult[]): ArrayRecord[] {
  return results.map((r) => {
    if (r.parameters === undefined) throw new ConfigError(`${op}: the result of client '${r.clientId}' carries no parameters`);
    return r.parameters;
  });
}

/**
 * Σ_k w_k · x_k / Σ_k w_k over the arrays of `records` (same layout), computed in float64 and
 * written in the first record's dtypes.
 */
export function weightedAverage(records: readonly ArrayRecord[], weights: readonly number[]): ArrayRecord {
  if (records.length === 0) throw new ConfigError('weightedAverage: no records to average');
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new ConfigError(`weightedAverage: the weights must sum to a positive number, got ${total}`);
  return mapArrayRecord(records[0]!, (a, j) => {
    const acc = new Float64Array(a.data.length);
    records.forEach((record, k) => {
      const data = record[j]!.data;
      const w = weights[k]!;
      for (let i = 0; i < acc.length; i++) acc[i]! += w * data[i]!;
    });
    // Divide once at the end: exact when all clients agree and the weights are integers.
    for (let i = 0; i < acc.length; i++) acc[i]! /= total;
    return castData(acc, a.dtype);
  });
}

/**
 * Applies `reduce` to the n values of each coordinate (one per record) and returns the results in
 * the first record's layout: the building block of the median and the trimmed mean.
 */
export function coordinateWise(records: readonly ArrayRecord[], reduce: (column: Float64Array) => number): ArrayRecord {
  if (records.length === 0) throw new ConfigError('coordinateWise: no records to combine');
  const column = new Float64Array(records.length);
  return mapArrayRecord(records[0]!, (a, j) => {
    const out = new Float64Array(a.data.length);
    for (let i = 0; i < out.length; i++) {
      for (let k = 0; k < records.length; k++) column[k] = records[k]![j]!.data[i]!;
      out[i] = reduce(column);
    }
    return castData(out, a.dtype);
  });
}

/** Median of `values` (the mean of the two middle values for an even count). Sorts in place. */
export function median(values: Float64Array): number {
  values.sort();
  const n = values.length;
  const mid = n >> 1;
  return n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Mean of `values` without the `trim` smallest and `trim` largest. Sorts in place. */
export function trimmedMean(values: Float64Array, trim: number): number {
  values.sort();
  let sum = 0;
  for (let i = trim; i < values.length - trim; i++) sum += values[i]!;
  return sum / (values.length - 2 * trim);
}

/** All arrays of `record` concatenated into one float64 vector. */
export function flatten(record: ArrayRecord): Float64Array {
  let n = 0;
  for (const a of record) n += a.data.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const a of record) {
    out.set(a.data, at);
    at += a.data.length;
  }
  return out;
}

/** Squared Euclidean distance ‖a − b‖². */
export function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** Combines the metrics of several clients into one record. */
export type MetricsAggregation = (results: readonly Pick<ClientResult, 'numExamples' | 'metrics'>[]) => MetricRecord;

/**
 * Per metric name, the mean over the clients that reported it, weighted by their numExamples:
 * Σ n_k m_k / Σ n_k.
 */
export const weightedMetricMean: MetricsAggregation = (results) => {
  const sums = new Map<string, [number, number]>();
  for (const r of results) {
    for (const [key, value] of Object.entries(r.metrics)) {
      const [s, w] = sums.get(key) ?? [0, 0];
      sums.set(key, [s + r.numExamples * value, w + r.numExamples]);
    }
  }
  const out: Record<string, number> = {};
  for (const [key, [s, w]] of sums) out[key] = s / w;
  return out;
};
