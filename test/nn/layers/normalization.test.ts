import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapeError } from '../../../src/errors/index.js';
import { BatchNorm1d } from '../../../src/nn/layers/batch-norm-1d.js';
import { BatchNorm2d } from '../../../src/nn/layers/batch-norm-2d.js';
import { LayerNorm } from '../../../src/nn/layers/layer-norm.js';
import { Generator, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { gradcheckModule, setParams } from '../helpers.js';

const eps = 1e-5;

describe('BatchNorm1d', () => {
  it('normalizes with batch statistics in training and updates running stats (unbiased var, momentum 0.1)', () => {
    const bn = new BatchNorm1d(2);
    setParams(bn, { weight: [2, 1], bias: [0, 1] });
    // channel 0: [1, 3], mean 2, biased var 1; channel 1: [2, 6], mean 4, biased var 4.
    const y = bn.call(tensor([[1, 2], [3, 6]]));
    const s0 = 1 / Math.sqrt(1 + eps);
    const s1 = 2 / Math.sqrt(4 + eps);
    assertClose(y, [[-2 * s0, -s1 + 1], [2 * s0, s1 + 1]]);
    // running_mean = 0.9·0 + 0.1·[2, 4]; running_var = 0.9·1 + 0.1·[2, 8] (unbiased: n/(n−1)·biased)
    assertClose(bn.runningMean, [0.2, 0.4]);
    assertClose(bn.runningVar, [1.1, 1.7]);
    assert.equal(bn.stateDict().num_batches_tracked!.item(), 1);
  });

  it('uses the running statistics in eval mode and leaves them unchanged', () => {
    const bn = new BatchNorm1d(2);
    setParams(bn, { weight: [2, 1], bias: [0, 1], running_mean: [0.2, 0.4], running_var: [1.1, 1.7] });
    bn.eval();
    const y = bn.call(tensor([[1, 2]]));
    assertClose(y, [[(2 * 0.8) / Math.sqrt(1.1 + eps), 1.6 / Math.sqrt(1.7 + eps) + 1]]);
    assertClose(bn.runningMean, [0.2, 0.4]);
    assert.equal(bn.stateDict().num_batches_tracked!.item(), 0);
  });

  it('accepts [N, C, L] and refuses a single value per channel in training', () => {
    const bn = new BatchNorm1d(3);
    assert.deepEqual(bn.call(randn([2, 3, 4])).shape, [2, 3, 4]);
    assertThrowsWith(() => bn.call(randn([1, 3])), ShapeError, ['more than one value per channel']);
    assertThrowsWith(() => bn.call(randn([2, 4])), ShapeError, ['C = 3', '[2,4]']);
  });

  it('without running stats uses batch statistics even in eval mode', () => {
    const bn = new BatchNorm1d(1, { trackRunningStats: false, affine: false });
    assert.deepEqual(Object.keys(bn.stateDict()), []);
    bn.eval();
    assertClose(bn.call(tensor([[1], [3]])), [[-1 / Math.sqrt(1 + eps)], [1 / Math.sqrt(1 + eps)]]);
  });

  it('passes gradcheck in training mode', () => {
    const bn = new BatchNorm1d(3);
    setParams(bn, { weight: [1.5, -0.5, 2], bias: [0.1, 0.2, 0.3] });
    const x = randn([4, 3], { dtype: 'float64', requiresGrad: true, generator: new Generator(1) });
    gradcheckModule(bn, x, (v) => bn.call(v));
  });
});

describe('BatchNorm2d', () => {
  it('normalizes each channel over N, H and W', () => {
    const bn = new BatchNorm2d(1);
    // values 1, 3, 5, 7: mean 4, biased var 5, unbiased var 20/3
    const y = bn.call(tensor([[[[1, 3]]], [[[5, 7]]]]));
    const s = 1 / Math.sqrt(5 + eps);
    assertClose(y, [[[[-3 * s, -s]]], [[[s, 3 * s]]]]);
    assertClose(bn.runningMean, [0.4]);
    assertClose(bn.runningVar, [0.9 + (0.1 * 20) / 3]);
  });

  it('passes gradcheck in training and eval mode', () => {
    const bn = new BatchNorm2d(2);
    setParams(bn, { weight: [0.5, 2], bias: [1, -1], running_mean: [0.1, -0.2], running_var: [0.5, 2] });
    const x = randn([2, 2, 2, 2], { dtype: 'float64', requiresGrad: true, generator: new Generator(2) });
    gradcheckModule(bn, x, (v) => bn.call(v));
    bn.eval();
    gradcheckModule(bn, x, (v) => bn.call(v));
  });
});

describe('LayerNorm', () => {
  it('normalizes each sample over its last axes', () => {
    const ln = new LayerNorm(3);
    setParams(ln, { weight: [1, 2, 3], bias: [0, 0, 1] });
    const s = 1 / Math.sqrt(2 / 3 + eps);
    assertClose(ln.call(tensor([[1, 2, 3], [4, 4, 4]])), [[-s, 0, 3 * s + 1], [0, 0, 1]]);
  });

  it('normalizes over several trailing axes and checks them', () => {
    const ln = new LayerNorm([2, 2], { elementwiseAffine: false });
    const y = ln.call(tensor([[[0, 2], [4, 6]]]));
    const s = 1 / Math.sqrt(5 + eps);
    assertClose(y, [[[-3 * s, -s], [s, 3 * s]]]);
    assertThrowsWith(() => ln.call(randn([2, 3])), ShapeError, ['LayerNorm', '[*, 2, 2]']);
  });

  it('passes gradcheck', () => {
    const ln = new LayerNorm(4);
    setParams(ln, { weight: [1, -1, 0.5, 2], bias: [0, 1, 2, 3] });
    const x = randn([3, 4], { dtype: 'float64', requiresGrad: true, generator: new Generator(3) });
    gradcheckModule(ln, x, (v) => ln.call(v));
  });
});
