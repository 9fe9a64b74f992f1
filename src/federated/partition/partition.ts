import { ConfigError } from '../../errors/index.js';

/** Sample indices per client: `partition[c]` lists the rows of the data set client `c` holds. */
export type Partition = Int32Array[];

/** Labels as any array of integer class ids (an Int32Array from `labels.values()`, a plain array). */
export type Labels = ArrayLike<number>;

/** Checks the common arguments of every partitioner. */
export function checkClients(op: string, samples: number, clients: number): void {
  if (!Number.isInteger(clients) || clients < 1) {
    throw new ConfigError(`${op}: clients must be an integer >= 1, got ${clients}`);
  }
  if (samples < clients) {
    throw new ConfigError(`${op}: ${samples} samples cannot give each of ${clients} clients at least one`, {
      expected: `at least ${clients} samples`,
      got: samples,
      hint: 'use fewer clients or a larger data set',
    });
  }
}

/** The number of classes: one more than the largest label, after checking that labels are integers >= 0. */
export function countClasses(op: string, labels: Labels): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0) throw new ConfigError(`${op}: labels must be integers >= 0, got ${y} at index ${i}`);
    if (y > max) max = y;
  }
  return max + 1;
}

/**
 * Per-client label counts: `histograms[c][k]` samples of class `k` at client `c`.
 * @example labelHistograms(partitionIid(60000, 10, 1), labels, 10)[0] // ≈ 600 per class
 */
export function labelHistograms(partition: Partition, labels: Labels, numClasses: number): number[][] {
  return partition.map((rows, c) => {
    const counts = new Array<number>(numClasses).fill(0);
    for (const row of rows) {
      const y = labels[row];
      if (y === undefined || !Number.isInteger(y) || y < 0 || y >= numClasses) {
        throw new ConfigError(`labelHistograms: client ${c} holds row ${row} whose label ${String(y)} is outside 0..${numClasses - 1}`);
      }
      counts[y]!++;
    }
    return counts;
  });
}

/** Summary statistics of a partition, for reports and the simulator's history. */
export interface PartitionStats {
  /** Samples per client. */
  readonly sizes: number[];
  /** Distinct classes per client. */
  readonly classesPerClient: number[];
  /** Mean over clients of the fraction of their samples in their most frequent class. */
  readonly meanMaxClassFraction: number;
}

/** Sizes, classes per client and the mean dominant-class fraction of `histograms`. */
export function partitionStats(histograms: readonly (readonly number[])[]): PartitionStats {
  const sizes = histograms.map((h) => h.reduce((a, b) => a + b, 0));
  const classesPerClient = histograms.map((h) => h.filter((n) => n > 0).length);
  const fractions = histograms.map((h, c) => (sizes[c]! === 0 ? 0 : Math.max(...h) / sizes[c]!));
  const meanMaxClassFraction = fractions.reduce((a, b) => a + b, 0) / Math.max(1, fractions.length);
  return { sizes, classesPerClient, meanMaxClassFraction };
}

/** Splits `rows` into consecutive pieces of the given sizes. */
export function cut(rows: Int32Array, sizes: readonly number[]): Int32Array[] {
  const out: Int32Array[] = [];
  let start = 0;
  for (const size of sizes) {
    out.push(rows.slice(start, start + size));
    start += size;
  }
  return out;
}
