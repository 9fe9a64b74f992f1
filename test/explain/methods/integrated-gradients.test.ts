import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ShapeError } from '../../../src/errors/index.js';
import { integratedGradients } from '../../../src/explain/methods/integrated-gradients.js';
import { integrationRules, quadrature } from '../../../src/explain/methods/quadrature.js';
import { gaussianBlur, makeReference } from '../../../src/explain/methods/reference.js';
import { Tanh } from '../../../src/nn/layers/activations.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { Generator, randn, tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { SumOfSquares, flat, linearModel } from './helpers.js';

const W = [
  [1, -2, 0.5, 1],
  [-3, 0.25, 2, 0],
];
const x = tensor([[1, 2, 3, 4], [-1, 0.5, 4, 2]], { dtype: 'float64' });

function tanhNet(seed: number): Sequential {
  const g = new Generator(seed);
  return new Sequential([new Linear(4, 8, { generator: g }), new Tanh(), new Linear(8, 8, { generator: g }), new Tanh(), new Linear(8, 3, { generator: g })]).cast('float64');
}

describe('quadrature', () => {
  it('has weights summing to 1 and points in [0, 1] for every rule', () => {
    for (const rule of integrationRules) {
      const { alphas, weights } = quadrature(rule, 7);
      assert.ok(Math.abs(weights.reduce((a, b) => a + b) - 1) < 1e-12, rule);
      assert.ok(alphas.every((a) => a >= 0 && a <= 1), rule);
    }
    assert.deepEqual(quadrature('riemann-left', 4).alphas, [0, 0.25, 0.5, 0.75]);
    assert.deepEqual(quadrature('riemann-trapezoid', 3).weights, [0.25, 0.5, 0.25]);
  });

  it('Gauss-Legendre with n points integrates polynomials of degree 2n − 1 exactly', () => {
    // ∫₀¹ α⁵ dα = 1/6 with 3 points; the 2-point nodes are 1/2 ± 1/(2√3).
    const q3 = quadrature('gauss-legendre', 3);
    assert.ok(Math.abs(q3.alphas.reduce((s, a, k) => s + q3.weights[k]! * a ** 5, 0) - 1 / 6) < 1e-14);
    const q2 = quadrature('gauss-legendre', 2);
    assertClose([...q2.alphas].sort(), [0.5 - 1 / (2 * Math.sqrt(3)), 0.5 + 1 / (2 * Math.sqrt(3))], { atol: 1e-14 });
    assertClose(q2.weights, [0.5, 0.5], { atol: 1e-14 });
  });

  it('rejects bad step counts', () => {
    assertThrowsWith(() => quadrature('riemann-left', 0), ConfigError, ['steps must be an integer >= 1']);
    assertThrowsWith(() => quadrature('riemann-trapezoid', 1), ConfigError, ['>= 2']);
  });
});

describe('integratedGradients', () => {
  it('equals (x − x′) ⊙ w_c on a linear model for every rule and reference, with no completeness gap', () => {
    const model = linearModel(W, [0.3, -0.7]);
    const mean = tensor([0.5, 0.5, 1, 1], { dtype: 'float64' });
    for (const rule of integrationRules) {
      for (const reference of ['zeros', 'blur', 'uniform', 'mean'] as const) {
        const r = integratedGradients(model, x, { target: [0, 1], rule, steps: 3, reference, mean, sigma: 1 });
        const ref = flat(makeReference(reference, x, { mean, sigma: 1 }));
        const expected = flat(x).map((v, i) => (v - ref[i]!) * W[Math.floor(i / 4)]![i % 4]!);
        assertClose(flat(r.attribution), expected, { atol: 1e-12 });
        assert.ok(r.extras.completenessGap!.every((gap) => gap < 1e-12), `${rule} ${reference}`);
      }
    }
  });

  it('matches the hand-computed path integral of f = Σx² for each quadrature (m = 4 steps)', () => {
    // IG_i = x_i · Σ_k w_k · 2 α_k x_i = 2 x_i² Σ_k w_k α_k: left (m−1)/m, right (m+1)/m, the others exact.
    const sq = flat(x).map((v) => v * v);
    const factor: Record<string, number> = { 'riemann-left': 3 / 4, 'riemann-right': 5 / 4, 'riemann-middle': 1, 'riemann-trapezoid': 1, 'gauss-legendre': 1 };
    for (const rule of integrationRules) {
      const r = integratedGradients(new SumOfSquares(), x, { target: 0, rule, steps: 4, batchSteps: 3 });
      assertClose(flat(r.attribution), sq.map((v) => v * factor[rule]!), { atol: 1e-12 });
    }
  });

  it('uses a given reference tensor and reports f(x) − f(x′)', () => {
    const reference = tensor([1, 1, 1, 1], { dtype: 'float64' });
    const r = integratedGradients(new SumOfSquares(), x, { target: 0, reference, rule: 'riemann-middle', steps: 2 });
    // Σ IG = f(x) − f(1) exactly for a quadratic with the midpoint rule.
    assertClose(r.extras.scoreDifference as number[], [30 - 4, 21.25 - 4]);
    assertClose(flat(r.attribution.sum(1)), [26, 17.25], { atol: 1e-12 });
    assertThrowsWith(() => integratedGradients(new SumOfSquares(), x, { reference: tensor([1, 2], { dtype: 'float64' }) }), ShapeError, ['does not broadcast']);
    assertThrowsWith(() => integratedGradients(new SumOfSquares(), x, { reference: 'mean' }), ConfigError, ['options.mean']);
  });

  it('is complete within 1 % at 256 steps on a nonlinear network, for Riemann and Gauss-Legendre', () => {
    const model = tanhNet(11);
    const input = randn([3, 4], { generator: new Generator(2), dtype: 'float64' }).mul(2);
    for (const rule of ['riemann-trapezoid', 'riemann-middle', 'riemann-right', 'gauss-legendre'] as const) {
      const r = integratedGradients(model, input, { rule, steps: 256, batchSteps: 64 });
      assert.ok(r.extras.completenessGap!.every((gap) => gap < 0.01), `${rule}: ${r.extras.completenessGap!.join(', ')}`);
    }
  });

  it('Gauss-Legendre converges with far fewer steps than Riemann sums', () => {
    const model = tanhNet(11);
    const input = randn([3, 4], { generator: new Generator(2), dtype: 'float64' }).mul(2);
    const worst = (rule: 'gauss-legendre' | 'riemann-left' | 'riemann-trapezoid', steps: number): number =>
      Math.max(...integratedGradients(model, input, { rule, steps }).extras.completenessGap!);
    const gl8 = worst('gauss-legendre', 8);
    assert.ok(gl8 < 1e-4, `Gauss-Legendre, 8 steps: ${gl8}`);
    assert.ok(worst('riemann-left', 8) > 100 * gl8);
    assert.ok(worst('riemann-trapezoid', 8) > 10 * gl8);
  });
});

describe('references', () => {
  it('blurs with a normalized Gaussian: constants stay, a delta spreads and keeps its sum', () => {
    const constant = tensor(Array.from({ length: 25 }, () => 2), { shape: [1, 1, 5, 5], dtype: 'float64' });
    assertClose(flat(gaussianBlur(constant, 1)), Array.from({ length: 25 }, () => 2), { atol: 1e-12 });
    const delta = new Float64Array(81);
    delta[40] = 1;
    const blurred = gaussianBlur(tensor(delta, { shape: [1, 1, 9, 9], dtype: 'float64' }), 1);
    const values = flat(blurred);
    assert.ok(Math.abs(values.reduce((a, b) => a + b) - 1) < 1e-9);
    assert.ok(values[40]! < 0.2 && values[40]! > values[41]! && values[41]! > values[42]!);
    // the two axes are treated alike
    assert.ok(Math.abs(values[41]! - values[49]!) < 1e-15);
  });

  it('draws seeded uniform noise inside the input range', () => {
    const a = makeReference('uniform', x, { seed: 3 });
    assert.deepEqual(flat(a), flat(makeReference('uniform', x, { seed: 3 })));
    assert.notDeepEqual(flat(a), flat(makeReference('uniform', x, { seed: 4 })));
    assert.ok(flat(a).every((v) => v >= -1 && v <= 4));
  });
});
