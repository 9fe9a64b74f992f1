import assert from 'node:assert/strict';
import * as ops from '../../src/ops/index.js';
import type { DType, Tensor } from '../../src/tensor/index.js';
import { arange, tensor } from '../../src/tensor/index.js';
import { assertClose, f64 } from '../helpers/assert-close.js';
import { forEachBackend } from '../helpers/backends.js';

/** Standard normal CDF through an independent erf (Abramowitz & Stegun 7.1.26 is too coarse, so use a series). */
function erfSeries(x: number): number {
  // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1)); converges for the |x| < 3 used here.
  let sum = 0;
  let term = x;
  for (let n = 0; n < 100; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

type Unary = (x: Tensor) => Tensor;
type Domain = 'any' | 'positive' | 'above-minus-one';

const table: [string, Unary, (x: number) => number, Domain][] = [
  ['neg', ops.neg, (x) => -x, 'any'],
  ['abs', ops.abs, Math.abs, 'any'],
  ['sign', ops.sign, Math.sign, 'any'],
  ['exp', ops.exp, Math.exp, 'any'],
  ['log', ops.log, Math.log, 'positive'],
  ['log1p', ops.log1p, Math.log1p, 'above-minus-one'],
  ['sqrt', ops.sqrt, Math.sqrt, 'positive'],
  ['rsqrt', ops.rsqrt, (x) => 1 / Math.sqrt(x), 'positive'],
  ['square', ops.square, (x) => x * x, 'any'],
  ['reciprocal', ops.reciprocal, (x) => 1 / x, 'any'],
  ['sin', ops.sin, Math.sin, 'any'],
  ['cos', ops.cos, Math.cos, 'any'],
  ['tanh', ops.tanh, Math.tanh, 'any'],
  ['sigmoid', ops.sigmoid, (x) => 1 / (1 + Math.exp(-x)), 'any'],
  ['relu', ops.relu, (x) => Math.max(x, 0), 'any'],
  ['leakyRelu', (x) => ops.leakyRelu(x), (x) => (x > 0 ? x : 0.01 * x), 'any'],
  ['leakyRelu(0.2)', (x) => ops.leakyRelu(x, 0.2), (x) => (x > 0 ? x : 0.2 * x), 'any'],
  ['elu', (x) => ops.elu(x), (x) => (x > 0 ? x : Math.exp(x) - 1), 'any'],
  ['elu(0.5)', (x) => ops.elu(x, 0.5), (x) => (x > 0 ? x : 0.5 * (Math.exp(x) - 1)), 'any'],
  ['gelu', ops.gelu, (x) => 0.5 * x * (1 + erfSeries(x / Math.SQRT2)), 'any'],
  ['softplus', ops.softplus, (x) => Math.log(1 + Math.exp(x)), 'any'],
  ['erf', ops.erf, erfSeries, 'any'],
];

function inputs(n: number, domain: Domain): number[] {
  return Array.from({ length: n }, (_, i) => {
    const v = Math.sin(0.9 * i + 0.3) * 2.5 + (i % 2 === 0 ? 0.1 : -0.1);
    if (domain === 'positive') return Math.abs(v) + 0.05;
    if (domain === 'above-minus-one') return Math.abs(v) * 0.9 - 0.8;
    return v;
  });
}

forEachBackend('unary ops', ({ it }) => {
  for (const dtype of ['float32', 'float64'] as const satisfies readonly DType[]) {
    for (const n of [1, 7, 33]) {
      it(`every unary op on ${n} elements matches Math (${dtype})`, () => {
        for (const [name, op, ref, domain] of table) {
          const xs = inputs(n, domain);
          const round = dtype === 'float32' ? Math.fround : (v: number) => v;
          const out = op(tensor(xs, { dtype }));
          assert.equal(out.dtype, dtype, name);
          assertClose(out, xs.map((x) => ref(round(x))), dtype === 'float32' ? { atol: 2e-6, rtol: 2e-6 } : { atol: 1e-13, rtol: 1e-12 });
        }
      });
    }
  }

  it('hand-computed values', () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2], { dtype: 'float64' });
    assertClose(ops.relu(x), [0, 0, 0, 0.5, 2], f64);
    assertClose(ops.abs(x), [2, 0.5, 0, 0.5, 2], f64);
    assertClose(ops.sigmoid(tensor([0], { dtype: 'float64' })), [0.5], f64);
    assertClose(ops.tanh(tensor([0], { dtype: 'float64' })), [0], f64);
    assertClose(ops.softplus(tensor([0], { dtype: 'float64' })), [Math.LN2], f64);
    // gelu(1) = Φ(1) = 0.8413447460685429; gelu(-1) = -(1 - Φ(1))
    assertClose(ops.gelu(tensor([1, -1], { dtype: 'float64' })), [0.8413447460685429, -0.15865525393145707], { atol: 1e-14 });
    assertClose(ops.exp(tensor([1], { dtype: 'float64' })), [Math.E], f64);
    assertClose(ops.sqrt(tensor([9, 0.25])), [3, 0.5]);
    assertClose(ops.rsqrt(tensor([4, 0.25])), [0.5, 2]);
  });

  it('stays stable at extreme inputs', () => {
    const x = tensor([-1000, 1000], { dtype: 'float64' });
    assertClose(ops.sigmoid(x), [0, 1], f64);
    assertClose(ops.softplus(x), [0, 1000], f64);
    assertClose(ops.tanh(x), [-1, 1], f64);
    assertClose(ops.log(tensor([0])), [-Infinity]);
  });

  it('reads transposed and sliced views', () => {
    const base = arange(0, 6, 1, { dtype: 'float64' }).reshape(2, 3);
    assertClose(ops.square(base.T), [[0, 9], [1, 16], [4, 25]], f64);
    assertClose(ops.neg(base.slice(null, { start: 1 })), [[-1, -2], [-4, -5]], f64);
    assertClose(ops.exp(base.slice(1, { step: 2 })), [Math.exp(3), Math.exp(5)], f64);
  });

  it('neg, abs, relu, square keep int32; the rest compute in float32', () => {
    const i = tensor([-2, 3], { dtype: 'int32' });
    for (const op of [ops.neg, ops.abs, ops.relu, ops.square]) assert.equal(op(i).dtype, 'int32');
    assertClose(ops.relu(i), [0, 3]);
    assert.equal(ops.exp(i).dtype, 'float32');
    assertClose(ops.sqrt(tensor([4, 9], { dtype: 'int32' })), [2, 3]);
  });
});
