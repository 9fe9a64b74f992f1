import { ConfigError } from '../errors/index.js';
import { fetchBatch } from './collate.js';
import type { SeedOptions } from './seed.js';
import { resolveGenerator } from './seed.js';
import type { Batch, Dataset, Sample } from './dataset.js';
import { checkIndex } from './tensor-dataset.js';

/**
 * The samples of `dataset` at `indices`, in that order (torch's Subset). Indices are checked
 * once, here; batches go through the parent's fast `getBatch` when it has one.
 */
export class Subset implements Dataset {
  readonly dataset: Dataset;
  readonly indices: Int32Array;

  constructor(dataset: Dataset, indices: ArrayLike<number>) {
    for (let i = 0; i < indices.length; i++) checkIndex('subset', indices[i]!, dataset.length);
    this.dataset = dataset;
    this.indices = Int32Array.from(indices);
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): Sample {
    checkIndex('Subset.get', index, this.indices.length);
    return this.dataset.get(this.indices[index]!);
  }

  getBatch(indices: ArrayLike<number>): Batch {
    const mapped = new Int32Array(indices.length);
    for (let b = 0; b < indices.length; b++) {
      checkIndex('Subset.getBatch', indices[b]!, this.indices.length);
      mapped[b] = this.indices[indices[b]!]!;
    }
    return fetchBatch(this.dataset, mapped);
  }
}

/** The samples of `dataset` at `indices` (a `Subset`). */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Subset {
  return new Subset(dataset, indices);
}

/** Options of `randomSplit`: where the permutation's randomness comes from. */
export type RandomSplitOptions = SeedOptions;

/**
 * Splits `dataset` at random into non-overlapping subsets (torch's random_split).
 *
 * `lengths` are either counts that sum to `dataset.length`, or fractions that sum to 1; with
 * fractions each part gets floor(fraction * N) samples and the remainder is handed out one at a
 * time from the first part on. The same seed gives the same split on every machine. A tuple of
 * lengths gives a tuple of subsets.
 * @example const [train, val] = randomSplit(ds, [0.8, 0.2], { seed: 1 });
 */
export function randomSplit<const L extends readonly number[]>(
  dataset: Dataset,
  lengths: L,
  options: RandomSplitOptions = {},
): { -readonly [K in keyof L]: Subset } {
  const n = dataset.length;
  const counts = resolveLengths(n, lengths);
  const generator = resolveGenerator(options);
  const order = generator.permutation(n);
  const parts: Subset[] = [];
  let start = 0;
  for (const count of counts) {
    parts.push(new Subset(dataset, order.subarray(start, start + count)));
    start += count;
  }
  // One subset per entry of `lengths`, so a tuple of lengths gives a tuple of subsets.
  return parts as unknown as { -readonly [K in keyof L]: Subset };
}

function resolveLengths(n: number, lengths: readonly number[]): number[] {
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (lengths.length === 0 || lengths.some((l) => !Number.isFinite(l) || l < 0)) {
    throw new ConfigError(`randomSplit: lengths must be non-negative numbers, got [${lengths.join(', ')}]`);
  }
  if (lengths.every((l) => Number.isInteger(l)) && sum === n) return [...lengths];
  if (lengths.every((l) => l <= 1) && Math.abs(sum - 1) < 1e-6) {
    const counts = lengths.map((f) => Math.floor(f * n));
    let remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; remainder > 0; i = (i + 1) % counts.length, remainder--) counts[i] = counts[i]! + 1;
    return counts;
  }
  throw new ConfigError(`randomSplit: lengths [${lengths.join(', ')}] neither sum to the data set's ${n} samples nor are fractions summing to 1`, {
    hint: 'pass counts, e.g. [800, 200], or fractions, e.g. [0.8, 0.2]',
  });
}
