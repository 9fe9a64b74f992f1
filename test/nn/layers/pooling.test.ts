import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradcheck } from '../../../src/autograd/index.js';
import { ConfigError } from '../../../src/errors/index.js';
import { AvgPool2d } from '../../../src/nn/layers/avg-pool-2d.js';
import { Flatten } from '../../../src/nn/layers/flatten.js';
import { MaxPool2d } from '../../../src/nn/layers/max-pool-2d.js';
import { Reshape } from '../../../src/nn/layers/reshape.js';
import { Generator, arange, randn } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';

const grid = () => arange(0, 16, 1, { dtype: 'float32' }).reshape(1, 1, 4, 4);

describe('MaxPool2d and AvgPool2d', () => {
  it('take the max / mean of each 2x2 window', () => {
    assertClose(new MaxPool2d(2).call(grid()), [[[[5, 7], [13, 15]]]]);
    assertClose(new AvgPool2d(2).call(grid()), [[[[2.5, 4.5], [10.5, 12.5]]]]);
  });

  it('honour stride', () => {
    assertClose(new MaxPool2d(2, { stride: 1 }).call(grid()), [[[[5, 6, 7], [9, 10, 11], [13, 14, 15]]]]);
    assertClose(new AvgPool2d(3, { stride: 1 }).call(grid()), [[[[5, 6], [9, 10]]]]);
  });

  it('pass gradcheck', () => {
    const x = randn([1, 2, 4, 4], { dtype: 'float64', requiresGrad: true, generator: new Generator(1) });
    gradcheck((v: typeof x) => new MaxPool2d(2).call(v), [x]);
    gradcheck((v: typeof x) => new AvgPool2d(2, { stride: 1 }).call(v), [x]);
  });
});

describe('Flatten and Reshape', () => {
  it('Flatten keeps the batch axis by default', () => {
    const x = arange(0, 24).reshape(2, 3, 2, 2);
    const y = new Flatten().call(x);
    assert.deepEqual(y.shape, [2, 12]);
    assert.deepEqual(y.toArray(), [Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => i + 12)]);
    assert.deepEqual(new Flatten({ startAxis: 2 }).call(x).shape, [2, 3, 4]);
  });

  it('pass gradcheck', () => {
    const x = randn([2, 3, 2], { dtype: 'float64', requiresGrad: true, generator: new Generator(2) });
    const w = randn([6], { dtype: 'float64', generator: new Generator(3) });
    gradcheck((v: typeof x) => new Flatten().call(v).mul(w), [x]);
    gradcheck((v: typeof x) => new Reshape([3, 2]).call(v).slice(null, 1).mul(w.slice({ end: 2 })), [x]);
  });

  it('Reshape reshapes every sample and infers -1', () => {
    const x = arange(0, 12).reshape(2, 1, 6);
    assert.deepEqual(new Reshape([2, 3]).call(x).toArray(), [[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]);
    assert.deepEqual(new Reshape([-1, 2]).call(x).shape, [2, 3, 2]);
  });
});

describe('window and shape arguments', () => {
  it('are checked when the layer is built', () => {
    assertThrowsWith(() => new MaxPool2d(0), ConfigError, ['MaxPool2d: kernelSize must be an integer >= 1, got 0']);
    assertThrowsWith(() => new AvgPool2d(2, { stride: [1, 0] }), ConfigError, ['AvgPool2d: stride']);
    assertThrowsWith(() => new Reshape([-1, -1]), ConfigError, ['at most one -1']);
  });
});
