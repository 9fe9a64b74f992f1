import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { Dropout } from '../../../src/nn/layers/dropout.js';
import { Generator, manualSeed, ones, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';

describe('Dropout', () => {
  it('zeroes where the seeded uniform draw is below p and scales survivors by 1/(1-p)', () => {
    const p = 0.4;
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = new Dropout(p, { generator: new Generator(3) }).call(x);
    const g = new Generator(3);
    const expected = [1, 2, 3, 4, 5, 6, 7, 8].map((v) => (Math.fround(g.random()) >= p ? v / (1 - p) : 0));
    assertClose(y, expected);
    assert.ok(expected.some((v) => v === 0) && expected.some((v) => v !== 0));
  });

  it('is deterministic under a seed, also through the default generator', () => {
    const a = new Dropout(0.5, { generator: new Generator(7) }).call(ones([50]));
    const b = new Dropout(0.5, { generator: new Generator(7) }).call(ones([50]));
    assert.deepEqual(a.toArray(), b.toArray());
    manualSeed(11);
    const c = new Dropout(0.5).call(ones([50]));
    manualSeed(11);
    const d = new Dropout(0.5).call(ones([50]));
    assert.deepEqual(c.toArray(), d.toArray());
    assert.notDeepEqual(a.toArray(), new Dropout(0.5, { generator: new Generator(8) }).call(ones([50])).toArray());
  });

  it('keeps the expected value: about a fraction p is zero and the mean stays near 1', () => {
    const y = new Dropout(0.3, { generator: new Generator(1) }).call(ones([20000])).values();
    const ys = Array.from(y);
    const zerosFraction = y.filter((v) => v === 0).length / y.length;
    assert.ok(Math.abs(zerosFraction - 0.3) < 0.02, `zero fraction ${zerosFraction}`);
    const mean = ys.reduce((s, v) => s + v, 0) / y.length;
    assert.ok(Math.abs(mean - 1) < 0.03, `mean ${mean}`);
    assert.ok(y.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-6));
  });

  it('is the identity in eval mode and with p = 0; p = 1 drops everything', () => {
    const x = tensor([1, -2, 3]);
    assert.deepEqual(new Dropout(0.9).eval().call(x).toArray(), [1, -2, 3]);
    assert.deepEqual(new Dropout(0).call(x).toArray(), [1, -2, 3]);
    assert.deepEqual(new Dropout(1).call(x).toArray(), [0, -0, 0]);
  });

  it('passes gradients only through the kept elements, scaled', () => {
    const x = ones([6], { requiresGrad: true });
    const y = new Dropout(0.5, { generator: new Generator(2) }).call(x);
    y.sum().backward();
    assert.deepEqual(x.grad!.toArray(), y.toArray());
  });

  it('rejects p outside [0, 1]', () => {
    assertThrowsWith(() => new Dropout(1.5), ConfigError, ['p must be in [0, 1]', '1.5']);
  });
});
