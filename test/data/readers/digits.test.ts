import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIGITS_CSV_GZ_BASE64 } from '../../../src/data/assets/digits-data.js';
import { DIGITS_SAMPLES, DIGITS_TEST_SAMPLES, digitsSplitIndices, loadDigits } from '../../../src/data/readers/digits.js';

describe('loadDigits', () => {
  const all = loadDigits({ split: 'all' });

  it('holds 1797 samples of 64 pixels in [0, 1] and int32 labels 0..9', () => {
    assert.equal(DIGITS_SAMPLES, 1797);
    assert.deepEqual(all.inputs.shape, [1797, 64]);
    assert.equal(all.targets.dtype, 'int32');
    const x = all.inputs.values();
    // pixels are the original 0..16 divided by 16
    assert.ok(x.every((v) => v >= 0 && v <= 1 && Number.isInteger(v * 16)));
    assert.equal(Math.max(...x), 1);
    const counts = new Array<number>(10).fill(0);
    for (const y of all.targets.values()) counts[y] = counts[y]! + 1;
    // class sizes of scikit-learn's load_digits (np.bincount(load_digits().target))
    assert.deepEqual(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });

  it('decodes the first row as the CSV has it', () => {
    // first line of digits.csv: 0,0,5,13,9,1,0,0,... label 0
    assert.deepEqual(Array.from(all.inputs.values().subarray(0, 8)), [0, 0, 5, 13, 9, 1, 0, 0].map((v) => v / 16));
    assert.equal(all.targets.values()[0], 0);
  });

  it('the train and test parts are fixed, disjoint, and cover all samples', () => {
    const train = loadDigits();
    const test = loadDigits({ split: 'test' });
    assert.deepEqual(train.inputs.shape, [1437, 64]);
    assert.deepEqual(test.inputs.shape, [DIGITS_TEST_SAMPLES, 64]);
    const { train: a, test: b } = digitsSplitIndices();
    assert.deepEqual([...a, ...b].sort((p, q) => p - q), Array.from({ length: 1797 }, (_, i) => i));
    // Rows come from the full table at those indices.
    assert.deepEqual(Array.from(test.targets.values()), Array.from(b, (i) => all.targets.values()[i]));
    assert.deepEqual(Array.from(train.inputs.values().subarray(64, 128)), Array.from(all.inputs.values().subarray(a[1]! * 64, a[1]! * 64 + 64)));
    // Same split on every call; the pinned indices catch a change of RNG or seed across versions and machines.
    assert.deepEqual(Array.from(digitsSplitIndices().test), Array.from(b));
    assert.deepEqual(Array.from(b.subarray(0, 5)), PINNED_FIRST_TEST_INDICES);
  });

  it("layout 'image' gives [N, 1, 8, 8] with the same values", () => {
    const img = loadDigits({ split: 'test', layout: 'image' });
    assert.deepEqual(img.inputs.shape, [360, 1, 8, 8]);
    assert.deepEqual(Array.from(img.inputs.values()), Array.from(loadDigits({ split: 'test' }).inputs.values()));
  });

  it('the embedded module holds exactly the bytes of assets/digits.csv.gz', () => {
    const file = readFileSync(fileURLToPath(new URL('../../../src/data/assets/digits.csv.gz', import.meta.url)));
    assert.equal(Buffer.from(DIGITS_CSV_GZ_BASE64, 'base64').equals(file), true);
    assert.equal(gunzipSync(file).toString('utf8').trim().split('\n').length, 1797);
  });
});

// The first five test indices, computed by an independent Python implementation of the same
// SplitMix32-seeded xoshiro128** and Fisher-Yates shuffle (seed 1998), not by this code.
const PINNED_FIRST_TEST_INDICES = [0, 6, 10, 12, 13];
