import { DataLoader } from '../data/data-loader.js';
import type { Dataset } from '../data/dataset.js';
import { randomSplit } from '../data/split.js';
import { ConfigError } from '../errors/index.js';
import { asLoader } from './evaluate.js';

/** The data options of `fit`. */
export interface FitDataOptions {
  readonly train: Dataset | DataLoader;
  readonly validation?: Dataset | DataLoader;
  readonly validationSplit?: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number | undefined;
}

export interface FitLoaders {
  readonly train: DataLoader;
  readonly validation: DataLoader | null;
}

/**
 * Builds the training and validation loaders. With `validationSplit`, a fixed random fraction of
 * `train` (drawn from a generator seeded by `seed`, or 0) becomes the validation set, so every run
 * with the same seed holds out the same samples. A seeded run gives the training loader its own
 * generator (seed + 1), so shuffling never draws from the default generator.
 */
export function buildLoaders(o: FitDataOptions): FitLoaders {
  let train = o.train;
  let validation = o.validation;
  if (o.validationSplit !== undefined) {
    const f = o.validationSplit;
    if (validation !== undefined) {
      throw new ConfigError('fit: pass either validation or validationSplit, not both');
    }
    if (!(f > 0 && f < 1)) throw new ConfigError(`fit: validationSplit must be in (0, 1), got ${f}`, { expected: 'a fraction like 0.2', got: f });
    if (train instanceof DataLoader) {
      throw new ConfigError('fit: validationSplit needs a Dataset as train, got a DataLoader', {
        hint: 'pass the Dataset and batchSize, or split it yourself with randomSplit and pass validation',
      });
    }
    const n = train.length;
    const held = Math.round(n * f);
    if (held < 1 || held >= n) {
      throw new ConfigError(`fit: validationSplit ${f} of ${n} samples leaves ${held} for validation and ${n - held} for training`, {
        hint: 'both parts need at least one sample',
      });
    }
    [train, validation] = randomSplit(train, [n - held, held], { seed: o.seed ?? 0 }) as [Dataset, Dataset];
  }
  const trainLoader =
    train instanceof DataLoader
      ? train
      : new DataLoader(asDataset(train), {
          batchSize: o.batchSize,
          shuffle: o.shuffle,
          ...(o.seed === undefined ? {} : { seed: o.seed + 1 }),
        });
  if (trainLoader.length === 0) throw new ConfigError('fit: the training data has no batches', { hint: 'pass a non-empty data set' });
  return { train: trainLoader, validation: validation === undefined ? null : asLoader('fit', validation, o.batchSize) };
}

function asDataset(data: Dataset): Dataset {
  if (typeof data !== 'object' || data === null || typeof data.get !== 'function' || typeof data.length !== 'number') {
    throw new ConfigError('fit: train must be a Dataset or a DataLoader', { got: typeof data });
  }
  return data;
}
