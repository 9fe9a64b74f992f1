import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Standardizer, normalize } from '../../../src/data/transforms/normalize.js';
import { ConfigError, ShapeError } from '../../../src/errors/index.js';
import { tensor } from '../../../src/tensor/index.js';

function close(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('normalize', () => {
  it('one mean and std for every value', () => {
    const y = normalize(tensor([[1, 3], [5, 7]]), { mean: 3, std: 2 });
    close(y.values(), [-1, 0, 1, 2]);
  });

  it('per channel on axis 1 of [N, C, H, W]', () => {
    // two samples, two channels of 2 values: channel 0 gets (x-1)/2, channel 1 gets (x-10)/5
    const x = tensor([
      [[1, 3], [10, 20]],
      [[5, 7], [0, 15]],
    ]);
    const y = normalize(x, { mean: [1, 10], std: [2, 5] });
    assert.deepEqual(y.shape, [2, 2, 2]);
    close(y.values(), [0, 1, 0, 2, 2, 3, -2, 1]);
  });

  it('int32 input gives float32', () => {
    const y = normalize(tensor([[2, 4]], { dtype: 'int32' }), { mean: 0, std: 4 });
    assert.equal(y.dtype, 'float32');
    close(y.values(), [0.5, 1]);
  });

  it('refuses a non-positive std, a wrong channel count and a batch without a sample axis', () => {
    assert.throws(() => normalize(tensor([[1, 2]]), { mean: 0, std: 0 }), ConfigError);
    assert.throws(() => normalize(tensor([[1, 2]]), { mean: [0, 0, 0], std: 1 }), ConfigError);
    assert.throws(() => normalize(tensor([1, 2]), { mean: 0, std: 1 }), ShapeError);
  });
});

describe('Standardizer', () => {
  it('per feature: population mean and std of each column', () => {
    // column 0: 1, 3, 5 -> mean 3, var (4+0+4)/3 = 8/3; column 1: constant 2 -> std 0 -> kept as 1
    const train = tensor([
      [1, 2],
      [3, 2],
      [5, 2],
    ]);
    const s = Standardizer.fit(train);
    close(s.mean, [3, 2]);
    close(s.std, [Math.sqrt(8 / 3), 1]);
    const z = s.apply(train);
    const sd = Math.sqrt(8 / 3);
    close(z.values(), [-2 / sd, 0, 0, 0, 2 / sd, 0], 1e-6);
  });

  it('statistics come from the training set only and are applied unchanged to other sets', () => {
    const s = Standardizer.fit(tensor([[0], [2]])); // mean 1, std 1
    close(s.apply(tensor([[5], [-1]])).values(), [4, -2]);
  });

  it('per channel: one mean and std over all values of a channel', () => {
    // channel 0 values 0,2,4,6 -> mean 3, var (9+1+1+9)/4 = 5; channel 1 values 1,1,1,1 -> std 1 (constant)
    const x = tensor([
      [[0, 2], [1, 1]],
      [[4, 6], [1, 1]],
    ]);
    const s = Standardizer.fit(x, { per: 'channel' });
    close(s.mean, [3, 1]);
    close(s.std, [Math.sqrt(5), 1]);
    close(s.apply(x).values(), [-3, -1, 0, 0, 1, 3, 0, 0].map((v, i) => (i % 4 < 2 ? v / Math.sqrt(5) : v)));
  });

  it('refuses data of another sample shape', () => {
    const s = Standardizer.fit(tensor([[1, 2, 3]]));
    assert.throws(() => s.apply(tensor([[1, 2]])), ConfigError);
  });
});
