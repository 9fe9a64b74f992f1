import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadIdxDataset } from '../../../src/data/readers/idx-dataset.js';
import { FormatError } from '../../../src/errors/index.js';
import { idxBytes, imagePixels, tempDir, writeBytes } from './fixtures.js';

const tmp = tempDir();
after(tmp.cleanup);

const images = writeBytes(tmp.path('img.gz'), idxBytes(0x08, [5, 2, 3], imagePixels(5, 2, 3)), true);
const labels = writeBytes(tmp.path('lab'), idxBytes(0x08, [5], new Uint8Array([3, 0, 9, 9, 1])));

describe('loadIdxDataset', () => {
  it('images become float32 [N, 1, rows, cols] scaled by 1/255, labels int32 [N]', () => {
    const ds = loadIdxDataset({ images, labels });
    assert.deepEqual(ds.inputs.shape, [5, 1, 2, 3]);
    assert.equal(ds.inputs.dtype, 'float32');
    assert.deepEqual(ds.targets.shape, [5]);
    assert.equal(ds.targets.dtype, 'int32');
    assert.deepEqual(Array.from(ds.targets.values()), [3, 0, 9, 9, 1]);
    const x = ds.inputs.values();
    // sample 2, pixel 4: (2*7 + 4) / 255
    assert.ok(Math.abs(x[2 * 6 + 4]! - 18 / 255) < 1e-7);
    assert.equal(Math.max(...x) <= 1, true);
  });

  it('limit keeps the first samples', () => {
    const ds = loadIdxDataset({ images, labels, limit: 2, classNames: ['a'] });
    assert.equal(ds.length, 2);
    assert.deepEqual(Array.from(ds.targets.values()), [3, 0]);
    assert.deepEqual(ds.classNames, ['a']);
  });

  it('refuses a label out of range, naming the file and the sample', () => {
    assert.throws(() => loadIdxDataset({ images, labels, numClasses: 5 }), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.ok(e.message.startsWith(`${labels}: label 9 of sample 2 (byte 10) is out of range 0..4`), e.message);
      return true;
    });
  });

  it('refuses image and label files of different lengths', () => {
    const four = writeBytes(tmp.path('four'), idxBytes(0x08, [4], new Uint8Array(4)));
    assert.throws(() => loadIdxDataset({ images, labels: four }), /holds 4 labels, but .*img\.gz holds 5 images/);
  });

  it('refuses the images and labels files swapped', () => {
    assert.throws(() => loadIdxDataset({ images: labels, labels: images }), /wrong magic number 0x00000801 at byte 0, expected 0x00000803/);
  });
});
