import { ConfigError } from '../errors/index.js';
import type { GeneratorState } from '../tensor/index.js';
import { Generator, defaultGenerator } from '../tensor/index.js';
import { fetchBatch } from './collate.js';
import type { Batch, Dataset } from './dataset.js';

export interface DataLoaderOptions {
  /** Samples per batch. @default 1 */
  readonly batchSize?: number;
  /** Draw a new random order of the samples at the start of every epoch. @default false */
  readonly shuffle?: boolean;
  /** Leave out the last batch when it would be smaller than `batchSize`. @default false */
  readonly dropLast?: boolean;
  /**
   * The generator that draws each epoch's order. The loader owns it: `loadState` resets it.
   * @default `new Generator(seed)`; without a seed, one seeded from the default generator (see `manualSeed`)
   */
  readonly generator?: Generator;
  /** Seed of the loader's own generator, used when `generator` is not given. @default undefined */
  readonly seed?: number;
}

/**
 * Where a loader stands, for checkpoints: plain numbers, safe to write as JSON. Restoring it
 * with `loadState` makes the loader continue with exactly the batches it would have produced.
 */
export interface DataLoaderState {
  /** The epoch to continue (0 for the first). */
  readonly epoch: number;
  /** Batches of that epoch already delivered. */
  readonly batch: number;
  /** The generator's state at the start of that epoch, before its order was drawn. */
  readonly generator: GeneratorState;
}

/**
 * Iterates over a data set in batches, one epoch per `for ... of` loop (torch's DataLoader).
 *
 * With `shuffle`, each epoch's order is a permutation drawn from the loader's generator, so the
 * same seed gives the same batches in every epoch of every run. `state()` / `loadState()` save
 * and restore the position, also in the middle of an epoch. Batches are stacked by the data
 * set's `getBatch` when it has one (TensorDataset copies rows of typed arrays). One iteration at
 * a time: starting a new loop abandons an unfinished epoch and begins the next.
 * @example
 * const loader = new DataLoader(train, { batchSize: 64, shuffle: true, seed: 1 });
 * for (let epoch = 0; epoch < 10; epoch++) for (const { input, target } of loader) step(input, target);
 */
export class DataLoader implements Iterable<Batch> {
  readonly dataset: Dataset;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator: Generator;
  private epochIndex = 0;
  private position = 0;
  private resumeAt = 0;
  private active = false;
  private epochStart: GeneratorState;

  constructor(dataset: Dataset, options: DataLoaderOptions = {}) {
    const batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new ConfigError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`, { expected: '>= 1', got: batchSize });
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator =
      options.generator ??
      new Generator(options.seed ?? (this.shuffle ? defaultGenerator.nextUint32() : 0));
    this.epochStart = this.generator.getState();
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The epoch in progress, or the next one to start (0 for the first). */
  get epoch(): number {
    return this.epochIndex;
  }

  /** Runs one epoch, yielding its batches. Leaving the loop early abandons the rest of the epoch. */
  *[Symbol.iterator](): Iterator<Batch> {
    const order = this.beginEpoch();
    const n = this.dataset.length;
    const batches = this.length;
    try {
      for (let b = this.position; b < batches; b++) {
        const indices = order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, n));
        const batch = fetchBatch(this.dataset, indices);
        this.position = b + 1;
        yield batch;
      }
    } finally {
      this.active = false;
      this.epochIndex++;
    }
  }

  /** Where the loader stands. Inside a loop, it is the position after the batch just delivered. */
  state(): DataLoaderState {
    if (this.active && this.position < this.length) {
      return { epoch: this.epochIndex, batch: this.position, generator: this.epochStart };
    }
    // Between epochs (or after the last batch of one): the next epoch starts from the current state.
    const epoch = this.active ? this.epochIndex + 1 : this.epochIndex;
    return { epoch, batch: this.active ? 0 : this.resumeAt, generator: this.generator.getState() };
  }

  /** Restores a state from `state()`; the next loop continues from there. */
  loadState(state: DataLoaderState): void {
    const { epoch, batch } = state;
    if (!Number.isInteger(epoch) || epoch < 0 || !Number.isInteger(batch) || batch < 0 || batch > this.length) {
      throw new ConfigError(`DataLoader.loadState: expected epoch >= 0 and batch in [0, ${this.length}], got epoch ${epoch}, batch ${batch}`, {
        hint: 'restore a state saved from a loader over the same data set with the same batchSize and dropLast',
      });
    }
    this.generator.setState(state.generator);
    this.epochStart = this.generator.getState();
    this.epochIndex = epoch;
    this.resumeAt = batch;
    this.position = 0;
    this.active = false;
  }

  /** Starts an epoch (or the resumed one) and returns its sample order. */
  private beginEpoch(): Int32Array {
    if (this.active) this.epochIndex++; // an iterator left unfinished without return(): abandon its epoch
    const n = this.dataset.length;
    this.epochStart = this.generator.getState();
    const order = this.shuffle ? this.generator.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    this.position = this.resumeAt;
    this.resumeAt = 0;
    this.active = true;
    return order;
  }
}
