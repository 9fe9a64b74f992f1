import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/index.js';
import { Adam } from '../../src/optim/adam.js';
import { tensor } from '../../src/tensor/index.js';
import { assertClose, assertThrowsWith, f64 } from '../helpers/assert-close.js';
import { trajectory } from './trajectory.js';

// θ0 = [1, -2], gradients g1 = [0.5, -1], g2 = [-0.25, 2], g3 = [1, 0.5], lr = 0.1, ε = 1e-8.
describe('Adam', () => {
  it('follows Kingma & Ba with bias correction', () => {
    // Step 1: m̂ = g, v̂ = g², so θ1 = θ0 - 0.1·g/(|g| + 1e-8) = [1 - 0.1·0.5/(0.5+1e-8), ...] = [0.900000002, -1.900000001].
    // Step 2 (element 0): m = 0.9·0.05 + 0.1·(-0.25) = 0.02, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225,
    //   θ2 = 0.9 - (0.1/0.19)·0.02 / (√0.00031225/√(1-0.999²) + 1e-8) = 0.8733662987...
    assertClose(
      trajectory((ps) => new Adam(ps, { lr: 0.1 })),
      [
        [0.900000002, -1.900000001],
        [0.8733662987078463, -1.9366103534720749],
        [0.8075551396770898, -1.9781754731467738],
      ],
      f64,
    );
  });

  it('adds weight decay to the gradient (L2), before the moments', () => {
    // Step 1: d = g + 0.1θ = [0.6, -1.2]; the step is still lr·d/(|d|+ε): [1 - 0.1·0.6/(0.6+1e-8), ...].
    assertClose(
      trajectory((ps) => new Adam(ps, { lr: 0.1, weightDecay: 0.1 })),
      [
        [0.9000000016666666, -1.9000000008333333],
        [0.8544413674617625, -1.9250178784643248],
        [0.7815043998631658, -1.953127270691488],
      ],
      f64,
    );
  });

  it('amsgrad uses the running maximum of v when v falls', () => {
    // β2 = 0.5. Element 0: v1 = 0.125, v2 = 0.5·0.125 + 0.5·0.0625 = 0.09375 < v1, so amsgrad keeps 0.125:
    //   m2 = 0.02, θ2 = 0.9 - (0.1/0.19)·0.02/(√(0.125/0.75) + 1e-8) = 0.8742159...; plain Adam gives 0.8702270...
    const plain = trajectory((ps) => new Adam(ps, { lr: 0.1, betas: [0.9, 0.5] }));
    const ams = trajectory((ps) => new Adam(ps, { lr: 0.1, betas: [0.9, 0.5], amsgrad: true }));
    assertClose(plain, [[0.900000002, -1.900000001], [0.8702270857395137, -1.9334255427074696], [0.8151497781114887, -1.979426407250118]], f64);
    assertClose(ams, [[0.900000002, -1.900000001], [0.8742159000759665, -1.9334255427074696], [0.8191385924479415, -1.967712562827559]], f64);
  });

  it('validates hyperparameters with the value in the message', () => {
    const p = [tensor([1], { requiresGrad: true })];
    assertThrowsWith(() => new Adam(p, { lr: -1 }), ConfigError, ['Adam', 'Invalid learning rate: -1']);
    assertThrowsWith(() => new Adam(p, { eps: -1e-8 }), ConfigError, ['Invalid epsilon value: -1e-8']);
    assertThrowsWith(() => new Adam(p, { betas: [1, 0.999] }), ConfigError, ['Invalid beta parameter at index 0: 1']);
    assertThrowsWith(() => new Adam(p, { betas: [0.9, -0.5] }), ConfigError, ['Invalid beta parameter at index 1: -0.5']);
    assertThrowsWith(() => new Adam(p, { weightDecay: -0.01 }), ConfigError, ['Invalid weightDecay value: -0.01']);
  });
});
