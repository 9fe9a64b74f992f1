import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ShapeError } from '../../../src/errors/index.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { Generator, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { gradcheckModule, setParams } from '../helpers.js';

describe('Linear', () => {
  it('computes x·Wᵀ + b', () => {
    const fc = new Linear(2, 3);
    setParams(fc, { weight: [[1, 2], [3, 4], [5, 6]], bias: [0.5, -1, 0] });
    assertClose(fc.call(tensor([[1, -1], [2, 0.5]])), [[-0.5, -2, -1], [3.5, 7, 13]]);
  });

  it('maps any leading axes and works without bias', () => {
    const fc = new Linear(2, 1, { bias: false });
    assert.equal(fc.bias, null);
    assert.deepEqual(Object.keys(fc.stateDict()), ['weight']);
    setParams(fc, { weight: [[2, -1]] });
    assertClose(fc.call(tensor([[[1, 1], [0, 3]]])), [[[1], [-3]]]);
  });

  it('initializes from U(-1/√in, 1/√in), reproducibly with a generator', () => {
    const a = new Linear(16, 64, { generator: new Generator(5) });
    const b = new Linear(16, 64, { generator: new Generator(5) });
    assert.deepEqual(a.weight.toArray(), b.weight.toArray());
    const w = a.weight.values();
    assert.ok(w.every((v) => Math.abs(v) <= 0.25));
    assert.ok(Math.max(...w) > 0.2 && Math.min(...w) < -0.2);
    assert.ok(a.bias!.values().every((v) => Math.abs(v) <= 0.25));
  });

  it('names the expected input size on a mismatch', () => {
    assertThrowsWith(() => new Linear(3, 2).call(tensor([[1, 2]])), ShapeError, ['Linear', '[*, 3]', '[1,2]']);
    assertThrowsWith(() => new Linear(0, 2), ConfigError, ['inFeatures must be an integer >= 1']);
  });

  it('passes gradcheck for input, weight and bias', () => {
    const fc = new Linear(3, 2, { generator: new Generator(1) });
    const x = randn([4, 3], { dtype: 'float64', requiresGrad: true, generator: new Generator(2) });
    gradcheckModule(fc, x, (v) => fc.call(v));
  });
});
