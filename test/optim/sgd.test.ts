import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { mean, square, sub } from '../../src/ops/index.js';
import { SGD } from '../../src/optim/sgd.js';
import { randn, tensor, zeros } from '../../src/tensor/index.js';
import { Generator } from '../../src/tensor/random.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';
import { trajectory } from './trajectory.js';

// θ0 = [1, -2], gradients g1 = [0.5, -1], g2 = [-0.25, 2], g3 = [1, 0.5], lr = 0.1.
describe('SGD', () => {
  it('plain: θ ← θ - lr·g', () => {
    // [1-0.05, -2+0.1], then [0.95+0.025, -1.9-0.2], then [0.975-0.1, -2.1-0.05]
    assertClose(trajectory((ps) => new SGD(ps, { lr: 0.1 })), [[0.95, -1.9], [0.975, -2.1], [0.875, -2.15]], f64);
  });

  it('momentum buffer starts at the first grad: b1 = g1, b2 = 0.9·b1 + g2', () => {
    // b1 = [0.5,-1] → θ1 = [0.95,-1.9]; b2 = [0.45-0.25, -0.9+2] = [0.2, 1.1] → θ2 = [0.93, -2.01];
    // b3 = [0.18+1, 0.99+0.5] = [1.18, 1.49] → θ3 = [0.812, -2.159]
    assertClose(trajectory((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 })), [[0.95, -1.9], [0.93, -2.01], [0.812, -2.159]], f64);
  });

  it('dampening scales the new gradient after the first step', () => {
    // b2 = 0.9·0.5 + 0.5·(-0.25) = 0.325 → θ2 = 0.95 - 0.0325 = 0.9175; b3 = 0.2925 + 0.5 = 0.7925 → 0.83825
    // b2 = 0.9·(-1) + 0.5·2 = 0.1 → -1.91; b3 = 0.09 + 0.25 = 0.34 → -1.944
    assertClose(trajectory((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, dampening: 0.5 })), [[0.95, -1.9], [0.9175, -1.91], [0.83825, -1.944]], f64);
  });

  it('nesterov steps along g + μ·b', () => {
    // step 1: b = [0.5,-1], d = g + 0.9b = [0.95,-1.9] → [0.905,-1.81]
    // step 2: b = [0.2,1.1], d = [-0.25+0.18, 2+0.99] = [-0.07, 2.99] → [0.912, -2.109]
    // step 3: b = [1.18,1.49], d = [1+1.062, 0.5+1.341] = [2.062, 1.841] → [0.7058, -2.2931]
    assertClose(trajectory((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true })), [[0.905, -1.81], [0.912, -2.109], [0.7058, -2.2931]], f64);
  });

  it('weight decay adds λθ to the gradient', () => {
    // d1 = [0.5+0.1, -1-0.2] = [0.6,-1.2] → [0.94,-1.88]; d2 = [-0.25+0.094, 2-0.188] = [-0.156, 1.812] → [0.9556, -2.0612]
    // d3 = [1+0.09556, 0.5-0.20612] → [0.846044, -2.090588]
    assertClose(trajectory((ps) => new SGD(ps, { lr: 0.1, weightDecay: 0.1 })), [[0.94, -1.88], [0.9556, -2.0612], [0.846044, -2.090588]], f64);
  });

  it('weight decay enters the momentum buffer', () => {
    // b1 = [0.6,-1.2] → [0.94,-1.88]; b2 = 0.9·b1 + [-0.156, 1.812] = [0.384, 0.732] → [0.9016, -1.9532]
    // b3 = [0.3456 + 1.09016, 0.6588 + 0.30468] = [1.43576, 0.96348] → [0.758024, -2.049548]
    assertClose(trajectory((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, weightDecay: 0.1 })), [[0.94, -1.88], [0.9016, -1.9532], [0.758024, -2.049548]], f64);
  });

  it('skips parameters without a gradient and keeps float32 parameters float32', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3], { requiresGrad: true });
    const opt = new SGD([a, b], { lr: 0.5 });
    a.grad = tensor([1, 1]);
    opt.step();
    assertClose(a, [0.5, 1.5]);
    assertClose(b, [3]);
    assert.equal(a.dtype, 'float32');
    assert.equal(a.gradFn, null);
  });

  it('reads a gradient that carries a graph (createGraph) or another dtype without recording ops', () => {
    const p = tensor([1, -2], { requiresGrad: true });
    p.mul(p).sum().backward(undefined, { createGraph: true });
    assert.notEqual(p.grad!.gradFn, null);
    const opt = new SGD([p], { lr: 0.25 });
    opt.step();
    assertClose(p, [0.5, -1]); // θ - 0.25·2θ
    assert.equal(p.gradFn, null);
    p.grad = tensor([2, 2], { dtype: 'float64' });
    opt.step();
    assertClose(p, [0, -1.5]);
    assert.equal(p.dtype, 'float32');
  });

  it('updates in place: the parameter keeps its storage', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const storage = p.storage;
    const opt = new SGD([p], { lr: 1 });
    p.grad = tensor([1, 1]);
    opt.step();
    assert.equal(p.storage, storage);
  });

  it('validates hyperparameters with the value in the message', () => {
    const p = [tensor([1], { requiresGrad: true })];
    assertThrowsWith(() => new SGD(p, { lr: -0.1 }), ConfigError, ['Invalid learning rate: -0.1']);
    assertThrowsWith(() => new SGD(p, { momentum: -1 }), ConfigError, ['Invalid momentum value: -1']);
    assertThrowsWith(() => new SGD(p, { weightDecay: -2 }), ConfigError, ['Invalid weightDecay value: -2']);
    assertThrowsWith(() => new SGD(p, { lr: Number.NaN }), ConfigError, ['Invalid learning rate: NaN']);
    assertThrowsWith(() => new SGD(p, { nesterov: true }), ConfigError, ['Nesterov momentum requires a momentum and zero dampening']);
    assertThrowsWith(() => new SGD(p, { nesterov: true, momentum: 0.9, dampening: 0.1 }), ConfigError, ['zero dampening', 'dampening 0.1']);
    assertThrowsWith(() => new SGD([], { lr: 0.1 }), ConfigError, ['empty parameter list']);
  });

  it('param groups override the defaults', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const opt = new SGD([{ params: [a] }, { params: [b], options: { lr: 0.5 } }], { lr: 0.1 });
    a.grad = tensor([1]);
    b.grad = tensor([1]);
    opt.step();
    assertClose(a, [0.9]);
    assertClose(b, [0.5]);
    assertThrowsWith(() => new SGD([{ params: [a] }, { params: [b], options: { momentum: -3 } }]), ConfigError, ['Invalid momentum value: -3']);
  });

  it('decreases the loss of a linear regression', () => {
    const gen = new Generator(7);
    const x = randn([32, 3], { generator: gen });
    const trueW = tensor([[1.5], [-2], [0.5]]);
    const y = x.matmul(trueW).add(0.3);
    const w = zeros([3, 1], { requiresGrad: true });
    const bias = zeros([1], { requiresGrad: true });
    const opt = new SGD([w, bias], { lr: 0.1, momentum: 0.5 });
    const lossOf = (): ReturnType<typeof mean> => mean(square(sub(x.matmul(w).add(bias), y)));
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) {
      opt.zeroGrad();
      const loss = lossOf();
      losses.push(loss.item());
      loss.backward();
      opt.step();
    }
    assert.ok(losses[29]! < losses[0]! * 1e-2, `loss went from ${losses[0]} to ${losses[29]}`);
    assertClose(w, [[1.5], [-2], [0.5]], { atol: 0.05, rtol: 0 });
    assertClose(bias, [0.3], { atol: 0.05, rtol: 0 });
  });
});
