import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ShapeError } from '../../../src/errors/index.js';
import {
  calculateGain,
  computeFans,
  constant,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  normal,
  ones,
  orthogonal,
  uniform,
  xavierNormal,
  xavierUniform,
  zeros as fillZeros,
} from '../../../src/nn/init/index.js';
import type { Tensor } from '../../../src/tensor/index.js';
import { Generator, zeros } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';

function stats(t: Tensor): { mean: number; std: number; maxAbs: number } {
  const v = Array.from(t.values());
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  return { mean, std, maxAbs: v.reduce((m, x) => Math.max(m, Math.abs(x)), 0) };
}

/** 200×250 = 50 000 draws: the sample std is within about 1% of the true one. */
function checkStats(t: Tensor, std: number, bound?: number): void {
  const s = stats(t);
  assert.ok(Math.abs(s.mean) < 0.02 * std + 1e-3 * std, `mean ${s.mean} for std ${std}`);
  assert.ok(Math.abs(s.std / std - 1) < 0.03, `std ${s.std}, expected ${std}`);
  if (bound !== undefined) {
    assert.ok(s.maxAbs <= bound, `max |x| ${s.maxAbs} > bound ${bound}`);
    assert.ok(s.maxAbs > 0.98 * bound, `max |x| ${s.maxAbs} never nears the bound ${bound}`);
  }
}

const big = () => zeros([200, 250]);
const gen = () => ({ generator: new Generator(123) });

describe('fans and gains', () => {
  it('computes fan in/out as PyTorch (receptive field included)', () => {
    assert.deepEqual(computeFans([200, 250]), { fanIn: 250, fanOut: 200 });
    assert.deepEqual(computeFans([8, 4, 3, 3]), { fanIn: 36, fanOut: 72 });
    assertThrowsWith(() => computeFans([5]), ShapeError, ['at least 2 dimensions', '[5]']);
  });

  it('gives the recommended gains', () => {
    assert.equal(calculateGain('linear'), 1);
    assert.equal(calculateGain('sigmoid'), 1);
    assert.equal(calculateGain('tanh'), 5 / 3);
    assert.equal(calculateGain('relu'), Math.SQRT2);
    assertClose([calculateGain('leakyRelu', 0.2)], [Math.sqrt(2 / 1.04)]);
    assert.equal(calculateGain('selu'), 0.75);
    assertThrowsWith(() => calculateGain('swish' as 'relu'), ConfigError, ["unknown nonlinearity 'swish'"]);
  });
});

describe('initializer statistics', () => {
  it('uniform and normal', () => {
    checkStats(uniform(big(), -3, 3, gen()), Math.sqrt(3), 3);
    const n = stats(normal(big(), 5, 2, gen()));
    assert.ok(Math.abs(n.mean - 5) < 0.03 && Math.abs(n.std - 2) < 0.05);
  });

  it('xavier uniform and normal: var = gain²·2/(fanIn + fanOut)', () => {
    const std = Math.sqrt(2 / 450);
    checkStats(xavierUniform(big(), gen()), std, Math.sqrt(3) * std);
    checkStats(xavierNormal(big(), { gain: 5 / 3, ...gen() }), (5 / 3) * std);
  });

  it('kaiming uniform and normal: std = gain/√fan with fanIn or fanOut', () => {
    checkStats(kaimingUniform(big(), gen()), Math.sqrt(2 / 250), Math.sqrt(6 / 250));
    checkStats(kaimingNormal(big(), { mode: 'fanOut', nonlinearity: 'relu', ...gen() }), Math.sqrt(2 / 200));
    // a = √5 gives PyTorch's Linear default U(-1/√fanIn, 1/√fanIn)
    checkStats(kaimingUniform(big(), { a: Math.sqrt(5), ...gen() }), 1 / Math.sqrt(3 * 250), 1 / Math.sqrt(250));
  });

  it('lecun uniform and normal: var = 1/fanIn', () => {
    checkStats(lecunUniform(big(), gen()), Math.sqrt(1 / 250), Math.sqrt(3 / 250));
    checkStats(lecunNormal(big(), gen()), Math.sqrt(1 / 250));
  });

  it('constant, zeros, ones', () => {
    assert.deepEqual(constant(zeros([2, 2]), 0.5).toArray(), [[0.5, 0.5], [0.5, 0.5]]);
    assert.deepEqual(ones(zeros([3])).toArray(), [1, 1, 1]);
    assert.deepEqual(fillZeros(ones(zeros([2]))).toArray(), [0, 0]);
  });

  it('is reproducible with a generator and fills in place', () => {
    const a = zeros([4, 5]);
    const same = xavierUniform(a, { generator: new Generator(9) });
    assert.equal(same, a);
    assert.deepEqual(a.toArray(), xavierUniform(zeros([4, 5]), { generator: new Generator(9) }).toArray());
    assert.notDeepEqual(a.toArray(), xavierUniform(zeros([4, 5]), { generator: new Generator(10) }).toArray());
  });
});

describe('orthogonal', () => {
  function gram(t: Tensor, transposeFirst: boolean): Tensor {
    const m = t.reshape(t.shape[0]!, t.size / t.shape[0]!).cast('float64');
    return transposeFirst ? m.T.matmul(m) : m.matmul(m.T);
  }
  const eye = (n: number, s = 1) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? s : 0)));

  it('tall matrices have orthonormal columns: QᵀQ = I', () => {
    assertClose(gram(orthogonal(zeros([6, 4], { dtype: 'float64' }), gen()), true), eye(4), { atol: 1e-12 });
  });

  it('wide matrices have orthonormal rows: QQᵀ = I; gain scales it', () => {
    assertClose(gram(orthogonal(zeros([3, 7], { dtype: 'float64' }), gen()), false), eye(3), { atol: 1e-12 });
    assertClose(gram(orthogonal(zeros([5, 5], { dtype: 'float64' }), { gain: 2, ...gen() }), true), eye(5, 4), { atol: 1e-11 });
  });

  it('flattens trailing axes (conv weights) and works in float32', () => {
    assertClose(gram(orthogonal(zeros([4, 2, 2, 2]), gen()), false), eye(4), { atol: 1e-5 });
    assertThrowsWith(() => orthogonal(zeros([3])), ShapeError, ['at least 2 dimensions']);
  });
});
