import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { FASHION_MNIST_CLASSES, FASHION_MNIST_DIR, loadFashionMnist } from '../../../src/data/readers/fashion-mnist.js';
import { flattenSamples } from '../../../src/data/transforms/flatten.js';
import { ConfigError } from '../../../src/errors/index.js';
import { idxBytes, imagePixels, tempDir, writeBytes } from './fixtures.js';

const tmp = tempDir();
after(tmp.cleanup);

// A miniature copy of the four files: 6 training and 3 test images of 28x28.
writeBytes(tmp.path('train-images-idx3-ubyte.gz'), idxBytes(0x08, [6, 28, 28], imagePixels(6, 28, 28)), true);
writeBytes(tmp.path('train-labels-idx1-ubyte.gz'), idxBytes(0x08, [6], new Uint8Array([9, 0, 0, 3, 0, 2])), true);
writeBytes(tmp.path('t10k-images-idx3-ubyte'), idxBytes(0x08, [3, 28, 28], imagePixels(3, 28, 28)));
writeBytes(tmp.path('t10k-labels-idx1-ubyte'), idxBytes(0x08, [3], new Uint8Array([9, 2, 1])));

describe('loadFashionMnist on generated files', () => {
  it('loads the train split from gzipped files and the test split from plain ones', () => {
    const train = loadFashionMnist({ dir: tmp.dir, split: 'train' });
    assert.deepEqual(train.inputs.shape, [6, 1, 28, 28]);
    assert.deepEqual(Array.from(train.targets.values()), [9, 0, 0, 3, 0, 2]);
    assert.equal(train.classNames?.[9], 'Ankle boot');
    const test = loadFashionMnist({ dir: tmp.dir, split: 'test', limit: 2 });
    assert.deepEqual(test.inputs.shape, [2, 1, 28, 28]);
    assert.deepEqual(Array.from(test.targets.values()), [9, 2]);
  });

  it('a directory without the files says how to get them', () => {
    assert.throws(() => loadFashionMnist({ dir: tmp.path('empty'), split: 'train' }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /train-images-idx3-ubyte\.gz \(or train-images-idx3-ubyte\) not found in .*empty/);
      assert.match(e.message, /apt-get install dataset-fashion-mnist/);
      assert.match(e.message, /pass \{ dir \}/);
      return true;
    });
  });

  it('has the ten class names', () => {
    assert.equal(FASHION_MNIST_CLASSES.length, 10);
    assert.equal(FASHION_MNIST_CLASSES[0], 'T-shirt/top');
  });
});

const installed = existsSync(FASHION_MNIST_DIR);
describe('loadFashionMnist on the installed data set', {
  skip: installed ? false : `${FASHION_MNIST_DIR} is absent: install it with apt-get install dataset-fashion-mnist (CI does)`,
}, () => {
  it('the test split: 10000 images in [0, 1], 1000 of each class', () => {
    const test = loadFashionMnist({ split: 'test' });
    assert.deepEqual(test.inputs.shape, [10000, 1, 28, 28]);
    const counts = new Array<number>(10).fill(0);
    for (const y of test.targets.values()) counts[y] = counts[y]! + 1;
    assert.deepEqual(counts, new Array<number>(10).fill(1000));
    let min = Infinity;
    let max = -Infinity;
    for (const v of test.inputs.values()) [min, max] = [Math.min(min, v), Math.max(max, v)];
    assert.deepEqual([min, max], [0, 1]);
    // The first t10k image is an ankle boot (label 9); Keras' fashion_mnist gives the same y_test[0].
    assert.equal(test.targets.values()[0], 9);
  });

  it('the train split with a limit', () => {
    const train = loadFashionMnist({ split: 'train', limit: 500 });
    assert.deepEqual(train.inputs.shape, [500, 1, 28, 28]);
    assert.ok(train.targets.values().every((y) => y >= 0 && y < 10));
    assert.deepEqual(flattenSamples(train.inputs).shape, [500, 784]);
  });
});
