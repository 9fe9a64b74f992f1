import type { ArrayRecord, ClientResult } from '../../../src/federated/protocol/index.js';

/** One float64 array 'w' holding `values`. */
export function vec(values: readonly number[]): ArrayRecord {
  return [{ name: 'w', shape: [values.length], dtype: 'float64', data: Float64Array.from(values) }];
}

/** A validated train result of client `id` with parameters `values` and `numExamples` examples. */
export function result(id: string, values: readonly number[], numExamples = 1, metrics: Record<string, number> = {}): ClientResult {
  return { clientId: id, parameters: vec(values), numExamples, metrics };
}

/** The values of the single array of `record`. */
export function values(record: ArrayRecord | null): number[] {
  if (record === null) throw new Error('expected parameters, got null');
  return [...record[0]!.data];
}

/** Asserts |a_i − b_i| <= tol for every i. */
export function close(actual: readonly number[], expected: readonly number[], tol = 1e-12): void {
  if (actual.length !== expected.length || actual.some((a, i) => !(Math.abs(a - expected[i]!) <= tol))) {
    throw new Error(`expected [${expected.join(', ')}], got [${actual.join(', ')}] (tolerance ${tol})`);
  }
}
