import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { Conv2d } from '../../../src/nn/layers/conv2d.js';
import { Generator, arange, randn } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { gradcheckModule, setParams } from '../helpers.js';

const x3 = () => arange(1, 10, 1, { dtype: 'float32' }).reshape(1, 1, 3, 3);

describe('Conv2d', () => {
  it('cross-correlates a 3x3 image with a 2x2 kernel', () => {
    const conv = new Conv2d(1, 1, { kernelSize: 2 });
    setParams(conv, { weight: [[[[1, 2], [0, -1]]]], bias: [0.5] });
    // out[i][j] = x[i][j] + 2·x[i][j+1] − x[i+1][j+1] + 0.5
    assertClose(conv.call(x3()), [[[[0.5, 2.5], [6.5, 8.5]]]]);
  });

  it('applies padding and stride', () => {
    const conv = new Conv2d(1, 1, { kernelSize: 2, padding: 1, stride: 2 });
    setParams(conv, { weight: [[[[1, 2], [0, -1]]]], bias: [0.5] });
    assertClose(conv.call(x3()), [[[[-0.5, -2.5], [1.5, 8.5]]]]);
  });

  it("keeps the size with padding 'same'", () => {
    const conv = new Conv2d(2, 4, { kernelSize: 3, padding: 'same' });
    assert.deepEqual(conv.call(randn([1, 2, 5, 5])).shape, [1, 4, 5, 5]);
  });

  it('has weight [out, in/groups, kH, kW] and checks groups', () => {
    const conv = new Conv2d(4, 6, { kernelSize: [3, 2], groups: 2, bias: false });
    assert.deepEqual(conv.weight.shape, [6, 2, 3, 2]);
    assert.equal(conv.bias, null);
    assertThrowsWith(() => new Conv2d(3, 4, { kernelSize: 3, groups: 2 }), ConfigError, ['groups (2) must divide']);
    assertThrowsWith(() => new Conv2d(3, 4, {} as unknown as { kernelSize: number }), ConfigError, ['kernelSize is required']);
  });

  it('initializes within ±1/√(in·kH·kW)', () => {
    const conv = new Conv2d(2, 8, { kernelSize: 3, generator: new Generator(3) });
    const bound = 1 / Math.sqrt(18);
    assert.ok(conv.weight.values().every((v) => Math.abs(v) <= bound));
    assert.ok(conv.bias!.values().every((v) => Math.abs(v) <= bound));
  });

  it('passes gradcheck with stride, padding and groups', () => {
    const conv = new Conv2d(2, 4, { kernelSize: 2, stride: 2, padding: 1, groups: 2, generator: new Generator(4) });
    const x = randn([2, 2, 3, 3], { dtype: 'float64', requiresGrad: true, generator: new Generator(5) });
    gradcheckModule(conv, x, (v) => conv.call(v));
  });
});
