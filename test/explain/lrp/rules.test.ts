import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/index.js';
import { lrp } from '../../../src/explain/lrp/lrp.js';
import type { RuleSpec } from '../../../src/explain/lrp/rules.js';
import { Conv2d } from '../../../src/nn/layers/conv2d.js';
import { Flatten } from '../../../src/nn/layers/flatten.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose, assertThrowsWith } from '../../helpers/assert-close.js';
import { flat, linearModel } from '../methods/helpers.js';

// One dense layer, target 0: z₀ = 1·1 − 1·2 + 2·3 + 0.5 = 5.5 is the relevance put on the output.
const W = [
  [1, -1, 2],
  [0.5, 1, -1],
];
const model = linearModel(W, [0.5, 0]);
const x = tensor([[1, 2, 3]], { dtype: 'float64' });
const R = 5.5;

function run(rule: RuleSpec): number[] {
  return flat(lrp(model, x, { target: 0, rule }).attribution);
}

describe('LRP rules on one dense layer (hand-computed)', () => {
  it('LRP-0: x_i w_i / z · R', () => {
    assertClose(run('zero'), [1, -2, 6]);
  });
  it('epsilon: x_i w_i / (z + ε) · R', () => {
    assertClose(run({ name: 'epsilon', epsilon: 0.5 }), [1, -2, 6].map((v) => (v * R) / 6));
  });
  it('gamma: w + γw⁺ and b + γb⁺', () => {
    // w' = [1.5, −1, 3], b' = 0.75, z' = 9.25
    assertClose(run({ name: 'gamma', gamma: 0.5 }), [1.5, -2, 9].map((v) => (v * R) / 9.25));
  });
  it('gamma with inputs and outputs of either sign favours contributions with the sign of the output (as Zennit)', () => {
    const single = linearModel([[1, -1, 2]], [0.5]);
    // z = 1 + 2 + 2 + 0.5 = 5.5 > 0: x⁺ with w + γw⁺ = [1.5, −1, 3], x⁻ with w + γw⁻ = [1, −1.5, 2], b' = 0.75 → z' = 8.25
    const up = lrp(single, tensor([[1, -2, 1]], { dtype: 'float64' }), { target: 0, rule: { name: 'gamma', gamma: 0.5 } });
    assertClose(up.attribution, [[(1.5 * 5.5) / 8.25, (3 * 5.5) / 8.25, (3 * 5.5) / 8.25]]);
    // z = 1 − 2 + 0.5 = −0.5 < 0: x⁺ with w + γw⁻ = [1, −1.5, 2] and b = 0.5 → z'' = −1.5
    const down = lrp(single, tensor([[1, 2, 0]], { dtype: 'float64' }), { target: 0, rule: { name: 'gamma', gamma: 0.5 } });
    assertClose(down.attribution, [[1 / 3, -1, 0]]);
  });
  it('z+: positive contributions only', () => {
    // x w⁺ = [1, 0, 6], b⁺ = 0.5 → z⁺ = 7.5
    assertClose(run('zPlus'), [1, 0, 6].map((v) => (v * R) / 7.5));
  });
  it('alpha2beta1: 2·positive share − 1·negative share', () => {
    // negative contributions [0, −2, 0] (z⁻ = −2) take all of the β part
    assertClose(run({ name: 'alphaBeta', alpha: 2, beta: 1 }), [(2 * R) / 7.5, -R, (12 * R) / 7.5]);
    assertThrowsWith(() => run({ name: 'alphaBeta', alpha: 2, beta: 2 }), ConfigError, ['alpha − beta = 1']);
  });
  it('flat: R spread evenly over the inputs', () => {
    assertClose(run('flat'), [R / 3, R / 3, R / 3]);
  });
  it('w²: in proportion to w_i²', () => {
    assertClose(run('wSquare'), [1, 1, 4].map((v) => (v * R) / 6));
  });
  it('zB: x_i w_i − l_i w_i⁺ − h_i w_i⁻ over their sum', () => {
    // box [0, 4]: terms [1, −2 + 4, 6], z = 9
    assertClose(run({ name: 'zB', low: 0, high: 4 }), [1, 2, 6].map((v) => (v * R) / 9));
  });
  it('explains each sample with its own target', () => {
    const r = lrp(model, tensor([[1, 2, 3], [2, 0, 1]], { dtype: 'float64' }), { target: [0, 1], rule: 'zero' });
    // sample 1, class 1: z = 1 − 1 = 0 + 0 bias → contributions [1, 0, −1] over 0: stabilized, and the score is 0
    assertClose(flat(r.attribution).slice(0, 3), [1, -2, 6]);
    assert.deepEqual(r.target, [0, 1]);
    assertClose(r.score as number[], [5.5, 0]);
  });
});

describe('LRP rules on a convolution (hand-computed)', () => {
  // A 2×2 kernel over a 2×3 image gives two outputs; the head adds them: f = z₀ + z₁.
  const conv = new Conv2d(1, 1, { kernelSize: 2, bias: false }).cast('float64');
  conv.loadStateDict({ weight: tensor([[[[1, -1], [2, 0.5]]]], { dtype: 'float64' }) });
  const net = new Sequential([conv, new Flatten(), linearModel([[1, 1]])]);
  const img = tensor([[[[1, 2, 3], [4, 5, 6]]]], { dtype: 'float64' });
  // z₀ = 1 − 2 + 8 + 2.5 = 9.5 and z₁ = 2 − 3 + 10 + 3 = 12; the dense head gives each its own value.
  it('LRP-0 sums x_i w_i over the windows that contain each pixel', () => {
    assertClose(lrp(net, img, { target: 0, rule: 'zero' }).attribution, [[[[1, -2 + 2, -3], [8, 2.5 + 10, 3]]]]);
  });
  it('flat spreads the relevance of each window evenly over its 4 pixels', () => {
    const r = lrp(net, img, { target: 0, composite: { conv: 'flat' }, rule: 'zero' });
    assertClose(r.attribution, [[[[9.5 / 4, (9.5 + 12) / 4, 12 / 4], [9.5 / 4, (9.5 + 12) / 4, 12 / 4]]]]);
  });
  it('w² shares it in proportion to the squared weights (1, 1, 4, 0.25 of 6.25)', () => {
    const r = lrp(net, img, { target: 0, composite: { conv: 'wSquare' }, rule: 'zero' });
    const q = (v: number): number => v / 6.25;
    assertClose(r.attribution, [[[[q(9.5), q(9.5) + q(12), q(12)], [4 * q(9.5), 0.25 * q(9.5) + 4 * q(12), 0.25 * q(12)]]]]);
  });
});
