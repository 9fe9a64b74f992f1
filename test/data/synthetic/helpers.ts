import type { TensorDataset } from '../../../src/data/tensor-dataset.js';

/** Rows of a [n, d] inputs tensor and the labels, as plain arrays. */
export function rows(ds: TensorDataset): { points: number[][]; labels: number[] } {
  const [n, d] = ds.inputs.shape as [number, number];
  const x = ds.inputs.values();
  const points = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, i * d + d)));
  return { points, labels: Array.from(ds.targets.values()) };
}

export function classCounts(labels: readonly number[], k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const y of labels) counts[y] = counts[y]! + 1;
  return counts;
}
