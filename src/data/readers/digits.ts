import { ConfigError } from '../../errors/index.js';
import { Generator, Tensor } from '../../tensor/index.js';
import { DIGITS_CSV_GZ_BASE64 } from '../assets/digits-data.js';
import { TensorDataset } from '../tensor-dataset.js';
import { parseCsv } from './csv.js';
import { gunzip } from './gunzip.js';

// UCI Optical Recognition of Handwritten Digits, the 1797-sample part shipped by scikit-learn.
// CC BY 4.0: E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository,
// https://doi.org/10.24432/C50P49; as shipped by scikit-learn (BSD-3). See src/data/assets/README.md.

/** Samples in the embedded digits set. */
export const DIGITS_SAMPLES = 1797;
/** Samples in its fixed test part; the other 1437 form the training part. */
export const DIGITS_TEST_SAMPLES = 360;
/** Seed of the fixed train/test split (the year of the data set). */
const SPLIT_SEED = 1998;

export interface DigitsOptions {
  /** Which part: the fixed 1437-sample training part, the 360-sample test part, or all 1797. @default 'train' */
  readonly split?: 'train' | 'test' | 'all';
  /** 'flat': inputs [N, 64]; 'image': inputs [N, 1, 8, 8] for convolutions. @default 'flat' */
  readonly layout?: 'flat' | 'image';
}

let decoded: { pixels: Float32Array; labels: Int32Array } | undefined;

/** Decodes the embedded CSV once: pixels scaled from 0..16 to [0, 1], labels 0..9. */
function digitsTable(): { pixels: Float32Array; labels: Int32Array } {
  if (decoded === undefined) {
    const binary = atob(DIGITS_CSV_GZ_BASE64);
    const gz = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const text = new TextDecoder('utf-8').decode(gunzip(gz, 'digits.csv.gz (embedded)'));
    const table = parseCsv(text, { header: false, labelColumn: -1, numClasses: 10, source: 'digits.csv.gz (embedded)' });
    const pixels = table.inputs.values() as Float32Array;
    decoded = { pixels: pixels.map((v) => v / 16), labels: table.targets!.values() as Int32Array };
  }
  return decoded;
}

/** The sample indices of each part: a seeded permutation, sorted within each part. Same on every machine. */
export function digitsSplitIndices(): { train: Int32Array; test: Int32Array } {
  const order = new Generator(SPLIT_SEED).permutation(DIGITS_SAMPLES);
  const test = order.slice(0, DIGITS_TEST_SAMPLES).sort();
  const train = order.slice(DIGITS_TEST_SAMPLES).sort();
  return { train, test };
}

/**
 * The UCI handwritten digits shipped inside deeptrace: 8x8 grey images of the digits 0-9, pixel
 * values in [0, 1] (the original 0..16 divided by 16), labels int32. The train and test parts
 * are fixed (a seeded split, 1437 / 360), so results compare across runs and machines.
 * @example const train = loadDigits(), test = loadDigits({ split: 'test' });
 */
export function loadDigits(options: DigitsOptions = {}): TensorDataset {
  const split = options.split ?? 'train';
  const layout = options.layout ?? 'flat';
  if (split !== 'train' && split !== 'test' && split !== 'all') {
    throw new ConfigError(`loadDigits: split must be 'train', 'test' or 'all', got ${String(split)}`);
  }
  if (layout !== 'flat' && layout !== 'image') {
    throw new ConfigError(`loadDigits: layout must be 'flat' or 'image', got ${String(layout)}`);
  }
  const { pixels, labels } = digitsTable();
  const indices = split === 'all' ? Int32Array.from({ length: DIGITS_SAMPLES }, (_, i) => i) : digitsSplitIndices()[split];
  const n = indices.length;
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  indices.forEach((row, i) => {
    x.set(pixels.subarray(row * 64, row * 64 + 64), i * 64);
    y[i] = labels[row]!;
  });
  const shape = layout === 'flat' ? [n, 64] : [n, 1, 8, 8];
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  return new TensorDataset(new Tensor(x, shape), new Tensor(y, [n]), { classNames });
}
